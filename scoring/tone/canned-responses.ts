import { customerNameTokens } from "./customer-name";
import { foldPhrase } from "./text";

export interface CannedResponseCandidate {
  /** The message id. */
  id: string;
  conversationId: string;
  body: string;
  /** The conversation's customer, so "Hola Ana" and "Hola Luis" read as the same template. */
  customerName?: string | null;
}

export interface CannedResponseOptions {
  /** Minimum Jaccard similarity of word shingles for two messages to be near-duplicates (default 0.8). */
  threshold?: number;
  /** Shorter messages («¡Gracias!», «¿Algo más?») are legitimately identical everywhere (default 8 words). */
  minWords?: number;
  /** A group is reported when it spans at least this many conversations (default 2). */
  minConversations?: number;
  /** Words per shingle (default 3). */
  shingleSize?: number;
  /** MinHash signature length (default 128) and LSH bands (default 32; must divide hashCount). */
  hashCount?: number;
  bandCount?: number;
}

export interface CannedResponseMember {
  id: string;
  conversationId: string;
  /** Jaccard similarity of this message's shingles with the representative's (1 for identical text). */
  similarity: number;
}

export interface CannedResponseGroup {
  /** The earliest message of the group in the input order. */
  representativeId: string;
  /** The representative after normalisation: what makes the group the same template. */
  normalizedText: string;
  members: CannedResponseMember[];
  conversationCount: number;
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/gu;
const EMAIL_ADDRESS = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Tokens are whitespace-separated so "PED-12345" or "29,90" stay one code; only their edges are trimmed. */
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu;
const NAME_PLACEHOLDER = "#name";
const NUMBER_PLACEHOLDER = "#num";

/**
 * Text reduced to what a template shares: folded (case, accents), punctuation dropped, and the parts
 * that change per customer replaced by placeholders: the customer's name, numbers and codes with digits
 * (order ids, dates, amounts), e-mail addresses and links.
 */
export function normalizeForDuplicateDetection(body: string, customerName?: string | null): string {
  const nameTokens = new Set(customerName ? customerNameTokens(customerName) : []);
  const folded = foldPhrase(body).replace(LINK, " #url ").replace(EMAIL_ADDRESS, " #email ");
  return folded
    .split(" ")
    .map((token) => token.replace(EDGE_PUNCTUATION, ""))
    .filter((token) => token.length > 0)
    .map((token) => {
      if (/\p{N}/u.test(token)) return NUMBER_PLACEHOLDER;
      if (nameTokens.has(token)) return NAME_PLACEHOLDER;
      return token;
    })
    .join(" ");
}

function shingles(tokens: readonly string[], size: number): Set<string> {
  if (tokens.length <= size) return new Set([tokens.join(" ")]);
  const result = new Set<string>();
  for (let index = 0; index + size <= tokens.length; index += 1) result.add(tokens.slice(index, index + size).join(" "));
  return result;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [smaller, larger] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of smaller) if (larger.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** FNV-1a, 32 bits. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: a cheap, well-mixed permutation of 32-bit integers. */
function mix32(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function minHashSignature(shingleHashes: readonly number[], hashCount: number): Uint32Array {
  const signature = new Uint32Array(hashCount).fill(0xffffffff);
  for (let hashIndex = 0; hashIndex < hashCount; hashIndex += 1) {
    const seed = mix32(Math.imul(hashIndex + 1, 0x9e3779b9));
    let minimum = 0xffffffff;
    for (const shingleHash of shingleHashes) {
      const value = mix32(shingleHash ^ seed);
      if (value < minimum) minimum = value;
    }
    signature[hashIndex] = minimum;
  }
  return signature;
}

class DisjointSets {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }
  find(item: number): number {
    let root = item;
    while (this.parent[root] !== root) root = this.parent[root];
    let cursor = item;
    while (this.parent[cursor] !== root) {
      const next = this.parent[cursor];
      this.parent[cursor] = root;
      cursor = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    // The smaller index stays root so groups are named by their earliest text.
    if (rootA < rootB) this.parent[rootB] = rootA;
    else if (rootB < rootA) this.parent[rootA] = rootB;
  }
}

/**
 * Canned responses pasted without adapting: groups of near-duplicate agent messages across
 * conversations. Messages are normalised (see normalizeForDuplicateDetection) and cut into word
 * shingles; identical texts are merged first, MinHash signatures with LSH banding propose candidate
 * pairs among the rest, and every candidate is confirmed with the exact Jaccard similarity, so the
 * result depends only on the threshold, not on hashing luck beyond a missed candidate. Near-duplicates
 * are grouped transitively. Deterministic: same input, same groups, in order of conversations covered.
 */
export function findCannedResponses(
  messages: readonly CannedResponseCandidate[],
  options: CannedResponseOptions = {},
): CannedResponseGroup[] {
  const threshold = options.threshold ?? 0.8;
  const minWords = options.minWords ?? 8;
  const minConversations = options.minConversations ?? 2;
  const shingleSize = options.shingleSize ?? 3;
  const hashCount = options.hashCount ?? 128;
  const bandCount = options.bandCount ?? 32;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError("threshold must be in (0, 1]");
  if (hashCount % bandCount !== 0) throw new RangeError("bandCount must divide hashCount");
  const rowsPerBand = hashCount / bandCount;

  // One entry per distinct normalised text, remembering which messages share it.
  const texts: Array<{ normalized: string; shingles: Set<string>; messageIndexes: number[] }> = [];
  const textIndexByNormalized = new Map<string, number>();
  messages.forEach((message, messageIndex) => {
    const normalized = normalizeForDuplicateDetection(message.body, message.customerName);
    const tokens = normalized.length === 0 ? [] : normalized.split(" ");
    if (tokens.length < minWords) return;
    const existing = textIndexByNormalized.get(normalized);
    if (existing !== undefined) {
      texts[existing].messageIndexes.push(messageIndex);
      return;
    }
    textIndexByNormalized.set(normalized, texts.length);
    texts.push({ normalized, shingles: shingles(tokens, shingleSize), messageIndexes: [messageIndex] });
  });

  const sets = new DisjointSets(texts.length);
  const buckets = new Map<string, number[]>();
  texts.forEach((text, textIndex) => {
    const signature = minHashSignature([...text.shingles].map(hashString), hashCount);
    for (let band = 0; band < bandCount; band += 1) {
      const rows = signature.subarray(band * rowsPerBand, (band + 1) * rowsPerBand);
      const key = `${band}:${rows.join(",")}`;
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [textIndex]);
      else bucket.push(textIndex);
    }
  });
  const compared = new Set<number>();
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i += 1) {
      for (let j = i + 1; j < bucket.length; j += 1) {
        const pairKey = bucket[i] * texts.length + bucket[j];
        if (compared.has(pairKey)) continue;
        compared.add(pairKey);
        if (jaccard(texts[bucket[i]].shingles, texts[bucket[j]].shingles) >= threshold) sets.union(bucket[i], bucket[j]);
      }
    }
  }

  const textsByRoot = new Map<number, number[]>();
  texts.forEach((_, textIndex) => {
    const root = sets.find(textIndex);
    const group = textsByRoot.get(root) ?? [];
    group.push(textIndex);
    textsByRoot.set(root, group);
  });

  const groups: Array<{ group: CannedResponseGroup; firstMessageIndex: number }> = [];
  for (const textIndexes of textsByRoot.values()) {
    const textOfMessage = new Map<number, number>();
    for (const textIndex of textIndexes) {
      for (const messageIndex of texts[textIndex].messageIndexes) textOfMessage.set(messageIndex, textIndex);
    }
    const messageIndexes = [...textOfMessage.keys()].sort((a, b) => a - b);
    const conversationCount = new Set(messageIndexes.map((index) => messages[index].conversationId)).size;
    if (messageIndexes.length < 2 || conversationCount < minConversations) continue;
    const firstMessageIndex = messageIndexes[0];
    const representative = texts[textOfMessage.get(firstMessageIndex) ?? textIndexes[0]];
    groups.push({
      firstMessageIndex,
      group: {
        representativeId: messages[firstMessageIndex].id,
        normalizedText: representative.normalized,
        members: messageIndexes.map((index) => ({
          id: messages[index].id,
          conversationId: messages[index].conversationId,
          similarity: jaccard(texts[textOfMessage.get(index) ?? textIndexes[0]].shingles, representative.shingles),
        })),
        conversationCount,
      },
    });
  }
  groups.sort((a, b) => b.group.conversationCount - a.group.conversationCount || a.firstMessageIndex - b.firstMessageIndex);
  return groups.map(({ group }) => group);
}
