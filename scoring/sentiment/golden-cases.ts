import type { SentimentLabel } from "./label-mapping";

/**
 * Clear cases, written for this check and not taken from the corpus. They catch a broken export or
 * tokenizer (a model that loads but predicts nonsense), not the model's real accuracy, which is
 * measured on the held-out split (docs/model-card.md).
 */
export const GOLDEN_CASES: { text: string; lang: "es" | "en"; label: SentimentLabel }[] = [
  { lang: "es", label: "negative", text: "Llevo tres semanas esperando el reembolso y nadie me contesta. Estoy harta." },
  { lang: "es", label: "negative", text: "El paquete llegó roto y encima me queréis cobrar la devolución" },
  { lang: "es", label: "negative", text: "es la cuarta vez que llamo y sigo sin internet, un desastre" },
  { lang: "es", label: "negative", text: "Pésima atención, me colgaron dos veces" },
  { lang: "es", label: "negative", text: "me han cobrado el doble este mes y no me dan ninguna solución 😡" },
  { lang: "es", label: "negative", text: "Quiero poner una reclamación, el técnico no vino y perdí el día de trabajo" },
  { lang: "es", label: "negative", text: "no funciona la app desde ayer y no puedo pagar nada" },
  { lang: "es", label: "neutral", text: "Hola, ¿a qué hora abre la tienda de la calle Mayor el sábado?" },
  { lang: "es", label: "neutral", text: "¿Me podéis decir cómo cambio la dirección de envío?" },
  { lang: "es", label: "neutral", text: "Buenos días, adjunto el número de pedido que me pidieron: 55821." },
  { lang: "es", label: "neutral", text: "quería saber si el plan familiar incluye roaming" },
  { lang: "es", label: "neutral", text: "¿Cuánto tarda normalmente un envío a Canarias?" },
  { lang: "es", label: "neutral", text: "Le paso con el departamento de facturación, un momento por favor." },
  { lang: "es", label: "positive", text: "¡Muchísimas gracias! Ya funciona todo perfectamente 😊" },
  { lang: "es", label: "positive", text: "Qué rapidez, me llegó al día siguiente. Encantada con la compra" },
  { lang: "es", label: "positive", text: "La chica que me atendió fue amabilísima, un diez" },
  { lang: "es", label: "positive", text: "genial, problema resuelto, mil gracias por la ayuda" },
  { lang: "es", label: "positive", text: "Muy contento con el servicio, lo recomendaré a mis amigos" },
  { lang: "es", label: "positive", text: "excelente trato, da gusto así" },
  { lang: "es", label: "negative", text: "Esto es una vergüenza, quiero hablar con un responsable YA" },
  { lang: "en", label: "negative", text: "I've been waiting two weeks for my refund and nobody replies. Fed up." },
  { lang: "en", label: "negative", text: "The parcel arrived smashed and now you want me to pay for the return?" },
  { lang: "en", label: "negative", text: "fourth time calling and my internet is still down, absolutely useless" },
  { lang: "en", label: "negative", text: "Terrible service, they hung up on me twice" },
  { lang: "en", label: "negative", text: "you charged me twice this month and nobody will fix it 😡" },
  { lang: "en", label: "negative", text: "The engineer never showed up and I lost a day off work. I want to complain." },
  { lang: "en", label: "negative", text: "the app hasn't worked since yesterday and I can't pay for anything" },
  { lang: "en", label: "neutral", text: "Hi, what time does the High Street store open on Saturday?" },
  { lang: "en", label: "neutral", text: "Can you tell me how to change my delivery address?" },
  { lang: "en", label: "neutral", text: "Good morning, here is the order number you asked for: 55821." },
  { lang: "en", label: "neutral", text: "does the family plan include roaming?" },
  { lang: "en", label: "neutral", text: "How long does delivery to Scotland usually take?" },
  { lang: "en", label: "neutral", text: "I'll transfer you to the billing team now, one moment please." },
  { lang: "en", label: "positive", text: "Thank you so much! Everything works perfectly now 😊" },
  { lang: "en", label: "positive", text: "That was quick, it arrived the next day. Really happy with it" },
  { lang: "en", label: "positive", text: "The lady who helped me was lovely, ten out of ten" },
  { lang: "en", label: "positive", text: "brilliant, problem solved, thanks a million for the help" },
  { lang: "en", label: "positive", text: "Very pleased with the service, I'll recommend you to my friends" },
  { lang: "en", label: "positive", text: "excellent service, that's how it should be done" },
  { lang: "en", label: "negative", text: "This is a disgrace, I want to speak to a manager NOW" },
];
