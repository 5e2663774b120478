import { describe, expect, it } from "vitest";
import { en } from "./en";
import { es } from "./es";
import { type Bank, PLACEHOLDERS, type Topic } from "./types";

const banks: Bank[] = [es, en];

/** Walks a bank and yields every string array with a readable path. */
function* stringArrays(
	value: unknown,
	path: string,
): Generator<[string, string[]]> {
	if (Array.isArray(value)) {
		if (value.every((v) => typeof v === "string")) {
			yield [path, value as string[]];
		} else {
			for (let i = 0; i < value.length; i++) {
				const item = value[i] as { id?: string };
				yield* stringArrays(item, `${path}[${item?.id ?? i}]`);
			}
		}
		return;
	}
	if (value && typeof value === "object") {
		for (const [k, v] of Object.entries(value))
			yield* stringArrays(v, path ? `${path}.${k}` : k);
	}
}

const TOPIC_MIN: Record<string, number> = {
	subjects: 5,
	"opening.formal": 6,
	"opening.informal": 8,
	details: 5,
	frustrated: 5,
	agentQuestions: 4,
	agentSteps: 6,
	resolution: 5,
	customerResolved: 4,
};

const BANK_MIN: Record<string, number> = {
	firstNames: 60,
	lastNames: 60,
	curtReplies: 12,
	redirects: 12,
	forbiddenPhrases: 8,
};

/** A redirect must name some other channel: a phone number, an e-mail, a website, an office… */
const CHANNEL_RE =
	/\{phone\}|\{email\}|\d{3}[\s.-]?\d{2,3}[\s.-]?\d{2,4}|@|www\.|https?:\/\/|\.com|\bweb\b|p[aá]gina|formulario|form\b|tel[eé]fono|llam[aeá]|call\b|ring\b|phone|correo|e-?mail|mail\b|tienda|store|oficina|branch|sucursal|whats ?app|\bchat\b|\bapp\b|portal|instagram|facebook|twitter|\bDM\b|\bSMS\b|mensaje privado|privado|hotline|helpline|l[ií]nea|post\b|carta|letter/i;

function topicArrays(t: Topic): [string, string[]][] {
	return [...stringArrays(t, "")];
}

describe.each(banks.map((b) => [b.lang, b] as const))(
	"bank %s",
	(_lang, bank) => {
		const all = [...stringArrays(bank, "")];

		it("has no empty arrays and no empty strings", () => {
			for (const [path, arr] of all) {
				expect(arr.length, path).toBeGreaterThan(0);
				for (const s of arr) {
					expect(s.trim().length, `${path}: empty string`).toBeGreaterThan(0);
					expect(s, `${path}: untrimmed "${s}"`).toBe(s.trim());
				}
			}
		});

		it("has no duplicate strings inside an array", () => {
			for (const [path, arr] of all) {
				const dups = arr.filter((s, i) => arr.indexOf(s) !== i);
				expect(dups, path).toEqual([]);
			}
		});

		it("uses only the allowed placeholders, with balanced braces", () => {
			const allowed = new Set<string>(PLACEHOLDERS);
			for (const [path, arr] of all) {
				for (const s of arr) {
					for (const m of s.matchAll(/\{([^{}]*)\}/g)) {
						expect(
							allowed.has(m[1]),
							`${path}: unknown placeholder {${m[1]}} in "${s}"`,
						).toBe(true);
					}
					const stripped = s.replace(/\{[a-z]+\}/g, "");
					expect(/[{}]/.test(stripped), `${path}: stray brace in "${s}"`).toBe(
						false,
					);
				}
			}
		});

		it("meets the minimum sizes for bank-level arrays", () => {
			const topLevel = all.filter(([p]) => !p.startsWith("topics"));
			expect(topLevel.length).toBeGreaterThanOrEqual(25);
			for (const [path, arr] of topLevel) {
				const min = BANK_MIN[path] ?? 10;
				expect(arr.length, path).toBeGreaterThanOrEqual(min);
			}
		});

		it("has at least 14 topics with unique snake_case ids and minimum sizes", () => {
			expect(bank.topics.length).toBeGreaterThanOrEqual(14);
			const ids = bank.topics.map((t) => t.id);
			expect(new Set(ids).size).toBe(ids.length);
			for (const t of bank.topics) {
				expect(t.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
				const arrays = Object.fromEntries(topicArrays(t));
				for (const [field, min] of Object.entries(TOPIC_MIN)) {
					expect(
						arrays[field]?.length ?? 0,
						`${t.id}.${field}`,
					).toBeGreaterThanOrEqual(min);
				}
			}
		});

		it("every redirect names another channel", () => {
			for (const r of bank.redirects) expect(r, r).toMatch(CHANNEL_RE);
		});

		it("greetings and signatures use the right placeholders", () => {
			for (const g of [
				...bank.agentGreetings.formal,
				...bank.agentGreetings.informal,
			]) {
				expect(g, g).toContain("{customer}");
			}
			for (const g of [
				...bank.agentGreetingsNoName.formal,
				...bank.agentGreetingsNoName.informal,
			]) {
				expect(g, g).not.toContain("{customer}");
			}
			for (const s of bank.signatures) expect(s, s).toContain("{agent}");
		});

		it("contains no filler text", () => {
			for (const [path, arr] of all) {
				for (const s of arr) {
					expect(s, path).not.toMatch(/lorem|ipsum/i);
					expect(s, path).not.toMatch(/\bTODO\b|\bFIXME\b|\bXXX\b/);
				}
			}
		});

		it("names are single capitalised words without placeholders", () => {
			for (const n of [...bank.firstNames, ...bank.lastNames]) {
				expect(n, n).toMatch(/^\p{Lu}[\p{L}' -]+$/u);
			}
		});
	},
);

describe("es and en banks together", () => {
	it("have the same topic ids in the same order", () => {
		expect(es.lang).toBe("es");
		expect(en.lang).toBe("en");
		expect(en.topics.map((t) => t.id)).toEqual(es.topics.map((t) => t.id));
	});

	it("are not copies of each other (no topic line shared verbatim)", () => {
		const esLines = new Set(
			es.topics.flatMap((t) => topicArrays(t).flatMap(([, a]) => a)),
		);
		const shared = en.topics
			.flatMap((t) => topicArrays(t).flatMap(([, a]) => a))
			.filter((s) => esLines.has(s));
		expect(shared).toEqual([]);
	});
});
