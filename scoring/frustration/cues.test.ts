import { describe, expect, it } from "vitest";
import type { Language } from "../tone";
import { detectEscalationCues, findWarmThanks, soundsPleased } from "./cues";
import type { CueKind } from "./types";

/** Golden case: the message and the text the cue must point at, or null when the cue must not trigger. */
type Golden = [language: Language, body: string, evidence: string | null];

function checkCue(kind: CueKind, [language, body, evidence]: Golden) {
  const cues = detectEscalationCues(body, language);
  for (const cue of cues) expect(body.slice(cue.start, cue.end)).toBe(cue.text);
  const ofKind = cues.filter((cue) => cue.kind === kind);
  if (evidence === null) {
    expect(ofKind, `unexpected ${JSON.stringify(ofKind)}`).toEqual([]);
  } else {
    expect(ofKind.map((cue) => cue.text)).toContain(evidence);
  }
}

describe("repeat contact", () => {
  it.each<Golden>([
    ["es", "Hola, es la tercera vez que escribo por lo mismo", "tercera vez que escribo"],
    ["es", "hola buenas, x tercera vez os pregunto por el pedido", "x tercera vez"],
    ["es", "es la 3a bez q reclamo lo del cobro", "3a bez q reclamo"],
    ["es", "Por 3ª vez: el router no funciona", "Por 3ª vez"],
    ["es", "Genial, otra vez sin luz en todo el barrio", "Genial, otra vez"],
    ["es", "Ya os lo dije ayer: la lavadora pierde agua", "Ya os lo dije"],
    ["es", "No es la primera vez que me pasa con vosotros", "No es la primera vez"],
    ["es", "¿Cuántas veces les tengo que decir que no reconozco el cargo?", "Cuántas veces les"],
    ["es", "Ya les escribí 4 veces y siempre la misma respuesta", "escribí 4 veces"],
    ["es", "¿Me podéis mandar otra vez el enlace? El anterior caducó", null],
    ["es", "Quiero volver a pedir otra vez la misma tarta del año pasado", null],
    ["es", "Es la tercera vez que vamos a vuestro restaurante y siempre de diez", null],
    ["es", 'Me dijeron "es la tercera vez que pasa" en la tienda', null],
    ["en", "This is the third time I'm contacting you about the same order", "This is the third time"],
    ["en", "for the 2nd time, my card was declined", "for the 2nd time"],
    ["en", "3rd time asking. When is my refund coming?", "3rd time asking"],
    ["en", "I already told you, it's in my first message", "I already told you"],
    ["en", "How many times do I have to explain this?!", "How many times"],
    ["en", "I have been charged AGAIN for a service I cancelled", "charged AGAIN"],
    ["en", "I've rung your helpline four times about the washing machine", "I've rung your helpline four times"],
    ["en", "Could you send the invoice again? I deleted it", null],
    ["en", "Thanks again for your help earlier!", null],
    ["en", "I'd like to order the same again please", null],
    ["en", "Can I try logging in again later?", null],
  ])("%s: %s", (...golden) => checkCue("repeat_contact", golden));
});

describe("still waiting", () => {
  it.each<Golden>([
    ["es", "Sigo esperando que alguien me diga algo del pedido", "Sigo esperando"],
    ["es", "sigooo esperandooo", "sigooo esperandooo"],
    ["es", "oigan ya llevo 3 días esperando que me contesten", "llevo 3 días esperando"],
    ["es", "Hace 20 días que espero la devolución", "Hace 20 días que espero"],
    ["es", "Ayer me dijeron que me llamaríais. Nadie me ha llamado.", "Nadie me ha llamado"],
    ["es", "Todavía no he recibido el reembolso", "Todavía no he recibido"],
    ["es", "Quedo a la espera de su respuesta. Un saludo", null],
    ["es", "¿Sigue en pie la oferta del 20 %?", null],
    ["en", "Still waiting on a reply to my DM from Monday", "Still waiting"],
    ["en", "stil waiting for my refund", "stil waiting"],
    ["en", "Nobody has got back to me about the damaged table", "Nobody has got back"],
    ["en", "I've been waiting 15 minutes for a reply", "I've been waiting 15"],
    ["en", "wtf is going on, it's been 2 weeks", "it's been 2 weeks"],
    ["en", "Is the offer still on?", null],
    ["en", "I've been waiting for this sofa for years, so excited", null],
  ])("%s: %s", (...golden) => checkCue("still_waiting", golden));
});

describe("supervisor request", () => {
  it.each<Golden>([
    ["es", "Quiero hablar con un responsable ya", "hablar con un responsable"],
    ["es", "Páseme con su supervisor", "Páseme con su supervisor"],
    ["es", "mira, quiero hablar con tu superbisor", "hablar con tu superbisor"],
    ["es", "necesito que me comuniquen con el supervisor por favor", "comuniquen con el supervisor"],
    ["es", "Páseme con alguien que pueda hacer algo", "Páseme con alguien que pueda"],
    ["es", "No hace falta que me llame ningún supervisor, con esto me vale", null],
    ["es", "No quiero hablar con un responsable, solo quiero mi dinero", null],
    ["es", "Soy la supervisora de compras de Ferretería López", null],
    ["es", "Me gustaría hablar con el encargado para felicitar a Pedro", null],
    ["en", "I'd like to speak to a manager please", "speak to a manager"],
    ["en", "Could I please speak to someone senior?", "speak to someone senior"],
    ["en", "i want to speak to your manger", "speak to your manger"],
    ["en", "useless chatbot. get me a real person", "get me a real person"],
    ["en", "I don't need to speak to a manager or anything", null],
    ["en", "I'm the store manager at Dunmore Books", null],
    ["en", "I spoke to your supervisor yesterday and he sorted it", null],
    ["en", "I'd like to speak to the manager to compliment Sarah", null],
  ])("%s: %s", (...golden) => checkCue("supervisor_request", golden));
});

describe("churn threat", () => {
  it.each<Golden>([
    ["es", "como no me lo solucionéis hoy me doy de baja", "me doy de baja"],
    ["es", "Me voy a la competencia", "Me voy a la competencia"],
    ["es", "Un mes sin internet. Me voy a Digi en cuanto pueda", "Me voy a Digi"],
    ["es", "No vuelvo a comprar aquí", "No vuelvo a comprar"],
    ["es", "Voy a cancelar el contrato igualmente", "Voy a cancelar el contrato"],
    ["es", "No quiero darme de baja, solo saber por qué sube la cuota", null],
    ["es", "No me voy a dar de baja, tranquila", null],
    ["es", "¿Cómo me doy de baja de los correos publicitarios?", null],
    ["es", "Quería dar de baja la línea de mi padre, que falleció", null],
    ["es", "Me voy a dormir, mañana sigo", null],
    ["en", "If this isn't sorted by Friday I'm cancelling", "I'm cancelling"],
    ["en", "I'm switching providers at the end of the month", "switching providers"],
    ["en", "Never buying from you again.", "Never buying from you again"],
    ["en", "You've just lost a loyal customer", "You've just lost a loyal customer"],
    ["en", "I'm not cancelling, I just want to understand my bill", null],
    ["en", "I'd like to cancel my subscription please, I'm moving abroad", null],
    ["en", "We're moving to a new house next month", null],
    ["en", "how do I switch to the annual plan?", null],
  ])("%s: %s", (...golden) => checkCue("churn_threat", golden));
});

describe("complaint to a consumer authority or legal action", () => {
  it.each<Golden>([
    ["es", "Presentaré una reclamación en la OCU", "Presentaré una reclamación en la OCU"],
    ["es", "si no me lo regresan voy a ir a la Profeco", "voy a ir a la Profeco"],
    ["es", "pongo el reclamo en el sernac", "pongo el reclamo en el sernac"],
    ["es", "voy a hacer la denuncia en Defensa del Consumidor", "voy a hacer la denuncia en Defensa del Consumidor"],
    ["es", "Solicito la hoja de reclamaciones", "hoja de reclamaciones"],
    ["es", "lo denunciaré en consumo", "denunciaré en consumo"],
    ["es", "me veré obligado a iniciar acciones legales", "acciones legales"],
    ["es", "He superado el consumo de datos, ¿puedo ampliar el bono?", null],
    ["es", "Soy socio de la OCU y he visto vuestra oferta", null],
    ["es", "Mi abogado necesita el certificado de titularidad", null],
    ["en", "I have filed a complaint with the Better Business Bureau", "filed a complaint with the Better Business Bureau"],
    ["en", "I will be reporting this to Trading Standards", "reporting this to Trading Standards"],
    ["en", "I will escalate this to the Energy Ombudsman", "escalate this to the Energy Ombudsman"],
    ["en", "filing a complaint with the FTC", "filing a complaint with the FTC"],
    ["en", "I have contacted my bank to start a chargeback", "chargeback"],
    ["en", "I'll get my lawyer involved", "get my lawyer"],
    ["en", "my lawyer asked me to get a copy of the contract", null],
    ["en", "the letter says I can contact the Financial Ombudsman", null],
    ["en", "I can't get the button to press", null],
  ])("%s: %s", (...golden) => checkCue("authority_complaint", golden));
});

describe("complaint to the company or in public", () => {
  it.each<Golden>([
    ["es", "Quiero poner una reclamación por el seguro", "Quiero poner una reclamación"],
    ["es", "dejaré mi opinión en todas las webs de reseñas", "dejaré mi opinión en todas las webs de reseñas"],
    ["es", "los voy a exhibir en redes", "los voy a exhibir"],
    ["es", "Escribo para dejar una reseña de cinco estrellas a Pedro", null],
    ["en", "I want to make a formal complaint", "I want to make a formal complaint"],
    ["en", "I'll be leaving a review so others know", "I'll be leaving a review"],
    ["en", "Could you tell me where to leave feedback about Sarah? She was great", null],
  ])("%s: %s", (...golden) => checkCue("complaint_threat", golden));
});

describe("insults", () => {
  it.each<Golden>([
    ["es", "sois unos inútiles, de verdad", "sois unos inútiles"],
    ["es", "panda de incompetentes", "panda de incompetentes"],
    ["es", "esto es una estafa, me habéis cobrado dos veces", "esto es una estafa"],
    ["es", "me cago en la leche", "me cago en"],
    ["es", "¿Es una estafa este SMS que me ha llegado?", null],
    ["es", "Mi hijo dice que «sois unos ladrones» pero creo que es un error del banco", null],
    ["es", "Es inútil intentarlo desde el móvil, lo hago desde el ordenador", null],
    ["es", "La cena estuvo de puta madre, gracias", null],
    ["en", "You people are useless", "You people are useless"],
    ["en", "Your service is a joke.", "Your service is a joke"],
    ["en", "You're a disgrace", "You're a disgrace"],
    ["en", "wtf is going on with my order", "wtf"],
    ["en", "lol I'm such an idiot, I typed the wrong postcode", null],
    ["en", "Is this text a scam?", null],
    ["en", "My neighbour said \"they're all crooks\" but I knew you'd sort it", null],
  ])("%s: %s", (...golden) => checkCue("insult", golden));
});

describe("exasperation", () => {
  it.each<Golden>([
    ["es", "Hola, estoy harta de que cada mes me cobréis de más", "estoy harta"],
    ["es", "Esto es una tomadura de pelo", "una tomadura de pelo"],
    ["es", "Pues vaya servicio", "vaya servicio"],
    ["es", "Gracias por nada 👏", "Gracias por nada"],
    ["es", "Vergonzoso.", "Vergonzoso"],
    ["es", "Es inaceptable", "inaceptable"],
    ["es", "No estoy enfadado ni nada, solo quiero entender la factura", null],
    ["es", "Me da vergüenza preguntar, pero ¿cómo se enciende?", null],
    ["es", "¡Vaya servicio más rápido!", null],
    ["en", "Honestly I'm fed up", "Honestly I'm fed up"],
    ["en", "Absolutely ridiculous.", "ridiculous"],
    ["en", "Are you kidding me?", "Are you kidding me"],
    ["en", "This is getting silly.", "This is getting silly"],
    ["en", "I'm not angry, I just need someone to explain the charge", null],
    ["en", "I was pretty annoyed yesterday, but Karen sorted everything", null],
    ["en", "The price is ridiculously good", null],
  ])("%s: %s", (...golden) => checkCue("exasperation", golden));
});

describe("findWarmThanks and soundsPleased", () => {
  it("finds warm thanks but not a curt one or a sarcastic one", () => {
    expect(findWarmThanks("Vale, ahora sí. Muchas gracias", "es")?.text).toBe("Muchas gracias");
    expect(findWarmThanks("Genial, gracias!", "es")?.text).toBe("Genial, gracias");
    expect(findWarmThanks("Thanks so much Dan!", "en")?.text).toBe("Thanks so much");
    expect(findWarmThanks("THANK YOU DEAR YOU HAVE BEEN VERY HELPFUL", "en")?.text).toBe("THANK YOU DEAR");
    expect(findWarmThanks("ok gracias", "es")).toBeNull();
    expect(findWarmThanks("thanks", "en")).toBeNull();
    expect(findWarmThanks("Gracias por nada", "es")).toBeNull();
    expect(findWarmThanks("Thanks.\n\n> Thank you so much for your patience", "en")).toBeNull();
  });

  it("reads any thanks or a pleased emoji as pleased, and a clap as nothing", () => {
    expect(soundsPleased("JUST GOT MY RING!!! thank youuu", "en")?.text).toBe("thank youuu");
    expect(soundsPleased("QUÉ BONITOS!!! 😍", "es")?.text).toBe("😍");
    expect(soundsPleased("Genial, otra vez sin luz 👏👏", "es")).toBeNull();
    expect(soundsPleased("WHERE IS MY ORDER???", "en")).toBeNull();
  });
});
