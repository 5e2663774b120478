/**
 * Message banks for the deterministic demo-data generator.
 * Each language bank is written natively (not translated line by line).
 *
 * Placeholders the generator fills: {customer} {agent} {order} {amount}
 * {date} {product} {phone} {email}. No other `{...}` may appear.
 */
export type Lang = "es" | "en";
/** formal: email, web_form, phone; informal: chat, whatsapp, facebook, instagram, twitter, sms */
export type Register = "formal" | "informal";
export type ByRegister = { formal: string[]; informal: string[] };

export interface Topic {
	id: string; // stable snake_case id, same ids in both languages, e.g. "double_charge"
	subjects: string[]; // email/web-form subject lines
	opening: ByRegister; // the customer's first message describing the problem
	details: string[]; // customer follow-ups that give requested info, neutral tone
	frustrated: string[]; // topic-specific angry/escalating customer lines
	agentQuestions: string[]; // agent asks for the info needed
	agentSteps: string[]; // agent's substantive replies that explain / advance the fix
	resolution: string[]; // agent confirms it is solved / what happens next
	customerResolved: string[]; // customer confirms it works / is settled (positive or neutral)
	/** optional: rough industry the topic belongs to, for the generator's weighting */
	industry?:
		| "ecommerce"
		| "telecom"
		| "saas"
		| "utilities"
		| "travel"
		| "retail"
		| "general";
}

export interface Bank {
	lang: Lang;
	firstNames: string[];
	lastNames: string[]; // customers and agents (>= 60 first, >= 60 last)
	products: string[]; // product/plan names used in {product}
	topics: Topic[];
	agentGreetings: ByRegister; // e.g. formal "Estimado/a {customer}:" / informal "¡Hola {customer}! 👋"
	agentGreetingsNoName: ByRegister;
	empathy: string[]; // "Entiendo lo frustrante que es…"
	apologies: string[];
	curtReplies: string[]; // short, dry, low-effort agent replies ("Revisado. Ya está.", "ok", "Mire la web.")
	redirects: string[]; // agent sends the customer to ANOTHER channel instead of solving
	forbiddenPhrases: string[]; // phrases never to say, used inside agent lines
	closings: ByRegister; // "Quedo a su disposición…", "¡Cualquier cosa me dices! 😊"
	followUps: string[]; // agent follow-up after resolution ("Le escribo para confirmar que…")
	signatures: string[]; // email sign-offs with {agent}
	customerThanks: string[]; // sincere thanks / praise (positive)
	customerAcks: string[]; // neutral acks: "Vale, espero.", "ok, I'll check"
	escalation: {
		repeatContact: string[]; // "Es la tercera vez que escribo por esto", "still waiting", "again??"
		supervisor: string[]; // asks for a manager
		cancelThreat: string[]; // threatens to cancel / leave
		authority: string[]; // threatens consumer authority (OCU, Profeco, SERNAC, BBB, ombudsman, chargeback…)
		caps: string[]; // ALL CAPS / "!!!" outbursts
		insults: string[]; // mild insults aimed at the company
	};
	botLines: string[]; // chatbot/IVR lines before a human joins
	systemLines: string[]; // "Conversación transferida a …", "Chat started"
	notes: string[]; // internal agent notes
	phoneFillers: string[]; // spoken-transcript fillers for phone channel
}

/** The only placeholders a bank line may contain. */
export const PLACEHOLDERS = [
	"customer",
	"agent",
	"order",
	"amount",
	"date",
	"product",
	"phone",
	"email",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
