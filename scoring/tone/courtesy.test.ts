import { describe, expect, it } from "vitest";
import { detectApology, detectClosing, detectEmpathy, detectGreeting } from "./courtesy";
import type { Language, PhraseFeature } from "./types";

type Detector = (body: string, lang: Language) => PhraseFeature;

/** Golden case: the message, and the text the feature must point at (null: must not trigger). */
type Golden = [lang: Language, body: string, evidence: string | null];

function checkGolden(detect: Detector, [lang, body, evidence]: Golden) {
  const result = detect(body, lang);
  for (const match of result.matches) expect(body.slice(match.start, match.end)).toBe(match.text);
  if (evidence === null) {
    expect(result.present, `unexpected ${JSON.stringify(result.matches)}`).toBe(false);
  } else {
    expect(result.present).toBe(true);
    expect(result.matches.map((match) => match.text)).toContain(evidence);
  }
}

describe("detectGreeting", () => {
  it.each<Golden>([
    ["es", "¡Hola, Marta! Ya he revisado tu pedido.", "Hola"],
    ["es", "Buenos días, le escribo en relación con su reclamación.", "Buenos días"],
    ["es", "Buenas tardes, Sr. Ruiz. Su devolución está aprobada.", "Buenas tardes"],
    ["es", "Estimada Sra. López:\n\nLe confirmamos el cambio de talla.", "Estimada"],
    ["es", "Gracias por contactar con nosotros. Lo reviso enseguida.", "Gracias por contactar con nosotros"],
    ["es", "hola ana, ya lo tienes solucionado", "hola"],
    ["es", "Las buenas noticias son que su pedido ha salido hoy.", null],
    ["es", "Holanda no está incluida en los envíos gratuitos.", null],
    ["es", "Su pedido ha salido hoy y llegará el jueves.", null],
    ["en", "Hi Tom, thanks for your patience.", "Hi"],
    ["en", "Good morning Sarah, your replacement is on its way.", "Good morning"],
    ["en", "Dear Mr. Patel,\n\nPlease find attached your invoice.", "Dear"],
    ["en", "Thanks for reaching out! Let me look into this.", "Thanks for reaching out"],
    ["en", "This is a high priority for our team.", null],
    ["en", "We said hello to the new courier last week.", null],
  ])("%s: %s", (...golden) => checkGolden(detectGreeting, golden));
});

describe("detectClosing", () => {
  const longUpdate =
    "Un saludo a todo el equipo de logística, que ha revisado su envío. Hemos comprobado que el paquete salió del almacén de Zaragoza el lunes, que el transportista lo escaneó en Madrid el martes y que, por una incidencia en la ruta, no se entregó el miércoles como estaba previsto; lo recibirá el viernes.";
  it.each<Golden>([
    ["es", "Le adjunto la factura.\n\nUn saludo,\nMarta\nAtención al Cliente", "Un saludo"],
    ["es", "Quedo a su disposición para cualquier consulta.", "Quedo a su disposición"],
    ["es", "¡Listo! Que tengas un buen día 😊", "Que tengas un buen día"],
    ["es", "¿Hay algo más en lo que le pueda ayudar?", "Hay algo más en lo que le pueda ayudar"],
    ["es", "Reciba un cordial saludo.\nAtentamente, el equipo de soporte", "Atentamente"],
    ["es", "gracias por tu paciencia, un abrazo", "un abrazo"],
    ["es", "Ya está activado. ¿Hay algo más en lo que pueda ayudarle hoy?", "Hay algo más en lo que pueda ayudarle"],
    ["es", "¡Listo! ¿Te puedo ayudar con algo más?", "Te puedo ayudar con algo más"],
    ["es", "Si tiene cualquier otra duda, estaremos encantados de ayudarle.", "estaremos encantados de ayudarle"],
    ["es", "Le he enviado el formulario. Quedamos a la espera de su respuesta.", "Quedamos a la espera de su respuesta"],
    ["es", "Ya lo tienes, aquí estoy si necesitas algo más", "aquí estoy si necesitas"],
    [
      "es",
      "Estamos encantados de ayudarle con el cambio: le explico los pasos a continuación.\n\n1. Entre en su cuenta.\n2. Abra el pedido.\n3. Pulse «Cambiar talla» y elija la nueva.\n4. Imprima la etiqueta y entregue el paquete en cualquier oficina de Correos en los próximos quince días naturales.",
      null,
    ],
    ["es", longUpdate, null],
    ["es", "Su pedido saldrá mañana por la mañana.", null],
    ["en", "Your refund is on its way.\n\nKind regards,\nSam", "Kind regards"],
    ["en", "All sorted now. Have a great day!", "Have a great day"],
    ["en", "Is there anything else I can help you with?", "Is there anything else I can help you with"],
    ["en", "Let me know how it goes.\n\nBest,\nTom", "Best"],
    ["en", "Done. If you have any other questions, we'll be happy to help.", "we'll be happy to help"],
    ["en", "Thanks, we look forward to hearing from you.", "we look forward to hearing from you"],
    ["en", "All done! Let me know if there's anything else 😊", "Let me know if there's anything else"],
    ["en", "Refund issued. Enjoy the rest of your weekend!", "Enjoy the rest of your weekend"],
    [
      "en",
      "We'd be happy to help you change it: here is how.\n\n1. Sign in to your account.\n2. Open the order.\n3. Press Change size and pick the new one.\n4. Print the label and hand the parcel in at any post office within fourteen days of delivery, keeping the receipt.",
      null,
    ],
    ["en", "Best practice is to restart the router first.", null],
    ["en", "We regard this case as resolved.", null],
  ])("%s: %s", (...golden) => checkGolden(detectClosing, golden));
});

describe("detectEmpathy", () => {
  it.each<Golden>([
    ["es", "Entiendo perfectamente su frustración, vamos a solucionarlo.", "Entiendo perfectamente su frustración"],
    ["es", "Lamento mucho lo ocurrido con su entrega.", "Lamento mucho lo ocurrido"],
    ["es", "Comprendo la situación y ya lo he escalado.", "Comprendo la situación"],
    ["es", "Me pongo en su lugar: nadie quiere esperar tanto.", "Me pongo en su lugar"],
    ["es", "Tiene toda la razón, el cargo es incorrecto.", "Tiene toda la razón"],
    ["es", "Es normal que esté preocupado por el cobro.", "Es normal que"],
    ["es", "¡Qué faena! Te mando otro ahora mismo.", "Qué faena"],
    ["es", "entiendo tu frustracion, lo miro ya", "entiendo tu frustracion"],
    ["es", "No entiendo a qué se refiere con ese código.", null],
    ["es", "Si entiendo bien, quiere cambiar la talla.", null],
    ["es", "Su pedido llegará mañana.", null],
    ["en", "I'm sorry to hear that.", "sorry to hear"],
    ["en", "I completely understand how frustrating this is.", "I completely understand"],
    ["en", "That must be really frustrating.", "That must be really frustrating"],
    ["en", "I can imagine how annoying that was.", "I can imagine"],
    ["en", "I don't understand what you mean by that code.", null],
    ["en", "Please understand that refunds take five days.", null],
  ])("%s: %s", (...golden) => checkGolden(detectEmpathy, golden));
});

describe("detectApology", () => {
  it.each<Golden>([
    ["es", "Le pido disculpas por el retraso.", "Le pido disculpas"],
    ["es", "Disculpe las molestias ocasionadas.", "Disculpe las molestias"],
    ["es", "Lo siento mucho, ha sido un error nuestro.", "Lo siento mucho"],
    ["es", "Sentimos las molestias que le haya podido causar.", "Sentimos las molestias"],
    ["es", "Perdona la espera, ya lo tengo.", "Perdona la espera"],
    ["es", "Mil disculpas, se nos pasó.", "Mil disculpas"],
    ["es", "perdon por la espera", "perdon por"],
    ["es", "Lamento mucho lo ocurrido con su entrega.", "Lamento mucho lo ocurrido"],
    ["es", "Disculpe, ¿me puede indicar su DNI?", null],
    ["es", "Siento que no estamos avanzando, le propongo otra opción.", null],
    ["en", "I'm sorry to hear that.", "I'm sorry"],
    ["en", "I apologise for the delay.", "I apologise"],
    ["en", "We're so sorry about this.", "We're so sorry"],
    ["en", "Sorry for the wait!", "Sorry for"],
    ["en", "Please accept our apologies for the confusion.", "Please accept our apologies"],
    ["en", "My apologies, that was my mistake.", "My apologies"],
    ["en", "No need to apologise, it happens!", null],
    ["en", "Your parcel was delivered this morning.", null],
  ])("%s: %s", (...golden) => checkGolden(detectApology, golden));
});
