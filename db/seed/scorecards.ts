import type { ScorecardDefinitionInput } from "../../scoring/rubric";
import type { Lang } from "./banks/types";

/**
 * The default scorecards, one per language, written from the seed articles (shared/seeds):
 * - greeting and personalisation, empathy, closing and follow-up: the attitude of 004 (concern,
 *   civility, follow-up) and rule 10 of 003 (follow up);
 * - understood the need, correct and complete information: 000 (informative, correct answers) and
 *   rule 5 of 003 (quick answers that still fit the need);
 * - resolved without redirecting to another channel: rule 1 of 003 (the «llame al 600…»
 *   anti-pattern, first-contact resolution), critical;
 * - tone consistent with the brand: pillar 9 of 000 (same tone on every channel) and the never-say
 *   list of 002 («eso no nos compete»);
 * - response time within the channel target: rule 4 of 003 (the per-channel table).
 * Criterion ids are the same in both languages, so per-criterion reports pool them. Six criteria are linked to
 * AutoQA features (scoring/autoqa), so reviewers see suggested ratings with evidence: greeting, the redirect
 * rule, brand tone (forbidden phrases: only a found phrase is suggested on its five-point scale), empathy,
 * response time (every reply) and closing.
 */
export interface DemoScorecard {
  name: string;
  description: string;
  language: Lang;
  definition: ScorecardDefinitionInput;
}

const es: DemoScorecard = {
  name: "Calidad de atención (ES)",
  description: "Evaluación estándar de conversaciones en español, en todos los canales.",
  language: "es",
  definition: {
    language: "es",
    bonusCap: 100,
    negativeRating: { rule: "below-midpoint" },
    categories: [
      {
        id: "opening",
        title: "Apertura",
        description: "",
        criteria: [
          {
            id: "greeting",
            title: "Saludo y personalización",
            description: "Saluda, se presenta y se dirige al cliente por su nombre desde el primer mensaje.",
            scale: { kind: "three-point", labels: ["Sin saludo", "Genérico", "Personalizado"] },
            weight: 1,
            autoQaFeature: "greeting",
            rootCauses: ["No saludó", "No usó el nombre del cliente", "Saludo de plantilla"],
          },
        ],
      },
      {
        id: "resolution",
        title: "Resolución",
        description: "",
        criteria: [
          {
            id: "understood-need",
            title: "Entendió la necesidad",
            description: "Identifica qué necesita el cliente y pide solo los datos imprescindibles.",
            scale: { kind: "four-point", labels: ["No", "En parte", "Casi del todo", "Por completo"] },
            weight: 2,
            rootCauses: ["No leyó el historial del cliente", "Pidió datos que ya tenía", "Respondió a otra pregunta"],
          },
          {
            id: "resolved-without-redirect",
            title: "Resolvió sin derivar a otro canal",
            description:
              "Regla 1 de las reglas de oro: resolver en el canal en el que escribe el cliente. «Llame al 600…» cuando el agente podía resolverlo aquí es un fallo crítico.",
            scale: { kind: "binary", failLabel: "Derivó", passLabel: "Resolvió" },
            weight: 3,
            autoQaFeature: "channel-redirect",
            critical: true,
            rootCauses: [
              "Derivó al teléfono",
              "Derivó al correo o a la web",
              "Le faltaban permisos o herramientas",
              "No conocía el procedimiento",
            ],
          },
          {
            id: "correct-information",
            title: "Información correcta y completa",
            description: "Lo que dice es cierto, completo y coherente con las políticas. Una respuesta errónea suspende la evaluación.",
            scale: { kind: "five-point", labels: ["Errónea", "Mayormente errónea", "Parcial", "Casi completa", "Completa"] },
            weight: 3,
            critical: true,
            rootCauses: ["Dato incorrecto", "Respuesta incompleta", "No verificó el pedido o la cuenta"],
          },
        ],
      },
      {
        id: "communication",
        title: "Comunicación",
        description: "",
        criteria: [
          {
            id: "brand-tone",
            title: "Tono coherente con la marca",
            description:
              "El mismo tono y estilo en todos los canales: ni cercano en el chat y robótico en el correo, ni frases de la lista prohibida («eso no nos compete»).",
            scale: { kind: "five-point", labels: ["Fuera de tono", "Robótico", "Neutro", "Cercano", "De marca"] },
            weight: 1,
            autoQaFeature: "forbidden-phrases",
            rootCauses: ["Respuesta seca o robótica", "Usó una frase prohibida", "Tono distinto al de otros canales"],
          },
          {
            id: "empathy",
            title: "Empatía",
            description: "Reconoce la situación y la molestia del cliente antes de resolver.",
            scale: { kind: "four-point", labels: ["Frío", "Correcto", "Cercano", "Excepcional"] },
            weight: 1,
            autoQaFeature: "empathy",
            rootCauses: ["No reconoció la molestia", "Minimizó el problema", "Culpó al cliente"],
          },
          {
            id: "response-time",
            title: "Tiempo de respuesta dentro del objetivo del canal",
            description: "Regla 4: correo y Facebook 1 h, X 15 min, chat y WhatsApp 30 s. Marque N/A si el retraso no dependía del agente.",
            scale: { kind: "binary", failLabel: "Fuera de plazo", passLabel: "A tiempo" },
            weight: 1,
            naAllowed: true,
            autoQaFeature: "response-time",
            rootCauses: ["Cola saturada", "Respuesta olvidada", "Esperó a otro departamento"],
          },
          {
            id: "closing",
            title: "Cierre y seguimiento",
            description: "Confirma que el problema quedó resuelto, ofrece más ayuda y hace seguimiento si hace falta.",
            scale: { kind: "three-point", labels: ["Sin cierre", "Genérico", "Personalizado"] },
            weight: 1,
            autoQaFeature: "closing",
            rootCauses: ["No confirmó la resolución", "No ofreció seguimiento"],
          },
        ],
      },
    ],
  },
};

const en: DemoScorecard = {
  name: "Customer care quality (EN)",
  description: "Standard review of English conversations on every channel.",
  language: "en",
  definition: {
    language: "en",
    bonusCap: 100,
    negativeRating: { rule: "below-midpoint" },
    categories: [
      {
        id: "opening",
        title: "Opening",
        description: "",
        criteria: [
          {
            id: "greeting",
            title: "Greeting and personalisation",
            description: "Greets, introduces themselves and uses the customer's name from the first reply.",
            scale: { kind: "three-point", labels: ["Missing", "Generic", "Personal"] },
            weight: 1,
            autoQaFeature: "greeting",
            rootCauses: ["No greeting", "Did not use the customer's name", "Template greeting"],
          },
        ],
      },
      {
        id: "resolution",
        title: "Resolution",
        description: "",
        criteria: [
          {
            id: "understood-need",
            title: "Understood the need",
            description: "Works out what the customer needs and asks only for the details that are really missing.",
            scale: { kind: "four-point", labels: ["No", "Partly", "Mostly", "Fully"] },
            weight: 2,
            rootCauses: ["Did not read the customer's history", "Asked for details already given", "Answered a different question"],
          },
          {
            id: "resolved-without-redirect",
            title: "Resolved without redirecting to another channel",
            description:
              'Golden rule 1: solve it on the channel the customer chose. "Please call our hotline" when the agent could solve it here is a critical failure.',
            scale: { kind: "binary", failLabel: "Redirected", passLabel: "Resolved" },
            weight: 3,
            autoQaFeature: "channel-redirect",
            critical: true,
            rootCauses: [
              "Sent to the phone line",
              "Sent to email or the website",
              "Lacked permissions or tools",
              "Did not know the procedure",
            ],
          },
          {
            id: "correct-information",
            title: "Correct and complete information",
            description: "What the agent says is true, complete and in line with policy. A wrong answer fails the review.",
            scale: { kind: "five-point", labels: ["Wrong", "Mostly wrong", "Partly right", "Mostly right", "Complete"] },
            weight: 3,
            critical: true,
            rootCauses: ["Incorrect fact", "Incomplete answer", "Did not check the order or account"],
          },
        ],
      },
      {
        id: "communication",
        title: "Communication",
        description: "",
        criteria: [
          {
            id: "brand-tone",
            title: "Tone consistent with the brand",
            description:
              'The same tone and style on every channel: not cheerful in chat and robotic by email, and nothing from the never-say list ("that\'s not our department").',
            scale: { kind: "five-point", labels: ["Off-brand", "Robotic", "Neutral", "Friendly", "On-brand"] },
            weight: 1,
            autoQaFeature: "forbidden-phrases",
            rootCauses: ["Curt or robotic reply", "Used a never-say phrase", "Different tone than on other channels"],
          },
          {
            id: "empathy",
            title: "Empathy",
            description: "Acknowledges the customer's situation and frustration before fixing it.",
            scale: { kind: "four-point", labels: ["Cold", "Polite", "Warm", "Exceptional"] },
            weight: 1,
            autoQaFeature: "empathy",
            rootCauses: ["Did not acknowledge the frustration", "Downplayed the problem", "Blamed the customer"],
          },
          {
            id: "response-time",
            title: "Response time within the channel target",
            description:
              "Rule 4: email and Facebook 1 h, X 15 min, live chat and WhatsApp 30 s. Mark N/A when the delay was not the agent's doing.",
            scale: { kind: "binary", failLabel: "Late", passLabel: "On time" },
            weight: 1,
            naAllowed: true,
            autoQaFeature: "response-time",
            rootCauses: ["Queue overloaded", "Reply forgotten", "Waited on another department"],
          },
          {
            id: "closing",
            title: "Closing and follow-up",
            description: "Confirms the problem is solved, offers more help and follows up when needed.",
            scale: { kind: "three-point", labels: ["None", "Generic", "Personal"] },
            weight: 1,
            autoQaFeature: "closing",
            rootCauses: ["Did not confirm the resolution", "Offered no follow-up"],
          },
        ],
      },
    ],
  },
};

export function demoScorecards(): Record<Lang, DemoScorecard> {
  return structuredClone({ es, en });
}
