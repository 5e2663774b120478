import type { Language } from "../tone";
import type { CueKind } from "./types";

/**
 * One lexicon entry: a regular expression over matchable text (lower case, no accents, single spaces,
 * ASCII apostrophe; see matchable-text.ts), matched as whole words. `rule` names it in the evidence.
 */
export interface CuePattern {
  kind: CueKind;
  rule: string;
  source: string;
  /** A negator just before it cancels it: «no me voy a dar de baja», "I don't need to speak to a manager". */
  negatable?: boolean;
  /** It does not count inside a question: «¿es una estafa este SMS?» asks, «esto es una estafa» accuses. */
  notInQuestion?: boolean;
  /** It does not count in a sentence where this also matches: a manager asked for to praise someone. */
  unlessInSentence?: string;
}

type Options = Pick<CuePattern, "negatable" | "notInQuestion" | "unlessInSentence">;
type Entries = Record<string, string | ({ source: string } & Options)>;

function entries(kind: CueKind, table: Entries, defaults: Options = {}): CuePattern[] {
  return Object.entries(table).map(([rule, entry]) =>
    typeof entry === "string" ? { kind, rule, source: entry, ...defaults } : { kind, rule, ...defaults, ...entry },
  );
}

const alternatives = (words: readonly string[]) => `(?:${words.join("|")})`;

// ── Spanish ──────────────────────────────────────────────────────────────────────────────────────────
const VEZ = "(?:vez|ves|bez|vex)";
/** «que» as people type it in a hurry: «q», «k». */
const QUE = "(?:que|q|k)";
/** «tercera», «3a», «3ª», «3ra», «3era», «enésima». */
const ORDINAL_ES = "(?:\\d+ ?(?:a|ª|ra|era|da|ta|º|o)|segunda|tercera|tercer|cuarta|quinta|sexta|septima|octava|enesima|milesima)";
const COUNT_ES = "(?:\\d+|dos|tres|cuatro|cinco|seis|siete|ocho|diez|varias|varios|muchas|muchos|mil|cien|un monton de)";
const CONTACT_VERB_ES =
  "(?:escrib|llam|reclam|pregunt|contact|pid|ped|explic|dig|repit|mand|envi|intent|comunic|habl|solicit|vuelv|insist)[a-z]*";
/** First person only: «os escribo otra vez» complains, «¿me lo podéis mandar otra vez?» asks for a resend. */
const CONTACTING_AGAIN_ES =
  "(?:(?:os |les |te )?(?:escribo|llamo|reclamo|pregunto|contacto|insisto|repito|explico)|tengo que (?:escribir|llamar|reclamar|repetir|explicar|preguntar)(?:os|les|te)?)";
const BOSS_ES = "(?:responsable|supervisor(?:a|es)?|superior|encargad[oa]|jef[ea]|gerente|coordinador(?:a)?|director(?:a)?)";
const DETERMINER_ES = "(?:un|una|el|la|tu|su|vuestro|vuestra|algun|alguna|otro|otra)";
const BRANDS_ES =
  "(?:digi|movistar|vodafone|orange|yoigo|masmovil|jazztel|lowi|pepephone|o2|simyo|telcel|at&t|claro|entel|tigo|endesa|iberdrola|naturgy|repsol|holaluz|totalplay|izzi|megacable)";
const AUTHORITY_ES =
  "(?:(?:la )?ocu|facua|omic|(?:oficina (?:municipal )?(?:de|del) )?consumo(?! de)|(?:la )?profeco|(?:el )?sernac|defensa del consumidor|indecopi|(?:la )?superintendencia(?: de industria y comercio)?|banco de espana|cnmc|asociacion de consumidores|(?:un |mi |el |los |mis )?abogad[oa]s?|(?:el |los )?juzgados?|(?:los )?tribunales|(?:la )?policia|(?:la )?guardia civil|(?:el )?defensor del (?:cliente|pueblo|usuario))";
const AUTHORITY_ACTION_ES =
  "(?:ir|voy|vamos|ire|iremos|acudir|acudo|acudire|acudi|reclamar|reclamo|reclamare|reclamacion|reclamaciones|denuncia|denunciar|denuncio|denunciare|denunciaros|queja|quejas|quejarme|presentar|presento|presentare|poner|pongo|pondre|llevar|llevo|llevare|contactar|contactare|escribir|escribire|avisar|avisare|recurrir|recurrire|consultar|consultare|hablar|hablare|demanda|demandar|reportar|reportare|dejo constancia|elevar|acudiendo|tramitar|hablado)";

const SPANISH: CuePattern[] = [
  ...entries("repeat_contact", {
    "por enésima vez": `(?:por|x) (?:la )?${ORDINAL_ES} ${VEZ}`,
    "ya es la tercera vez": `(?:ya es|ya son|ya van|ya va|esta es ya|y van|y ya van|es ya) (?:la |las )?${ORDINAL_ES} ${VEZ}`,
    "tercera vez que escribo": `${ORDINAL_ES} ${VEZ}(?: (?:en|este|esta) (?:el |la |este |esta )?(?:mes|semana|ano|dia|trimestre))?(?: ${QUE} (?:os |les |te |se lo |se |lo |me lo |nos |m )?${CONTACT_VERB_ES}|(?: ${QUE})? (?:me pasa|nos pasa|pasa|ocurre|sucede|falla|se rompe|se estropea|viene|no viene|cancelais|cancelan|anulan|me cobrais|me cobran))`,
    "tercera vez este mes": `${ORDINAL_ES} ${VEZ} (?:este|esta|en) (?:el |la |lo que va de )?(?:mes|semana|ano|trimestre)`,
    "no es la primera vez": `no (?:es|seria|sera) (?:la )?primera ${VEZ}`,
    "ya os lo dije":
      "ya (?:(?:os|se|te|les|le) )?(?:lo )?(?:dije|he dicho|habia dicho|hemos dicho|dijimos|explique|he explicado|comente|he comentado|indique|he indicado|conte|he contado|repeti|he repetido)",
    "cuántas veces": "cuantas (?:mas )?veces (?:tengo|tendre|hay|he|os|les|te|se|lo|voy)",
    "se lo he dicho mil veces": `(?:dicho|dije|explicado|explique|repetido|escrito|llamado|reclamado|preguntado|pedido|comentado)(?: (?:ya|yo|esto|lo))? ${COUNT_ES} veces`,
    "he enviado tres correos": `(?:he|hemos|habre|ya) (?:enviado|mandado|escrito|puesto|abierto|hecho|realizado)(?: ya)? ${COUNT_ES} (?:correos|emails|mails|mensajes|reclamaciones|quejas|incidencias|tickets|llamadas)`,
    "reclamé dos veces": `${CONTACT_VERB_ES} (?:ya |yo |por esto |por lo mismo |esto )?${COUNT_ES} veces`,
    "ya van dos pedidos": `(?:ya|y) van ${COUNT_ES} (?:pedidos|veces|correos|llamadas|tecnicos|visitas|envios|cambios|reparaciones|citas)`,
    "otra vez lo mismo": `(?:${CONTACTING_AGAIN_ES} otra ${VEZ}|otra ${VEZ} (?:lo mismo|igual|sin (?:luz|internet|linea|servicio|agua|gas|senal|conexion|cobertura|respuesta|noticias)|mal|tarde|rot[oa]s?|(?:el mismo|la misma) (?:problema|error|fallo|averia|incidencia|tema|historia|rollo)|me (?:han|habeis|vuelven|volveis) a))`,
    "y otra vez": `(?:genial|perfecto|estupendo|fantastico|vaya|que bien|pues|y),? otra ${VEZ}`,
    "cada vez que llamo": `cada ${VEZ} ${QUE} (?:llamo|escribo|pregunto|reclamo|contacto|os llamo|os escribo|les llamo|les escribo)`,
    "ya lo he dado tres veces": `(?:lo|la|los|las|se lo|se la|os lo|os la|les|os|te) (?:he|hemos) [a-z]+(?:ado|ido|to|cho|sto) (?:ya )?${COUNT_ES} veces`,
    "otro día más":
      "(?:otro|otra) (?:dia|semana|mes|ano|vez|fin de semana|lunes|martes|miercoles|jueves|viernes|sabado|domingo) mas(?: (?:con|sin|igual|esperando|que))",
    "eso ya me lo dijeron":
      "eso (?:mismo |ya )?(?:me|nos) (?:lo )?(?:dijeron|dijo|dijisteis|han dicho|habeis dicho|ha dicho|dices|decis|dicen|prometieron|prometisteis|prometio)",
    "que sea la última vez que lo explico":
      "(?:ultima vez que|no (?:pienso|voy a) volver a) (?:os |se |le |les |te )?(?:lo )?(?:explico|repito|cuento|llamo|escribo|explicar|repetir|contar)",
  }),
  ...entries("still_waiting", {
    "sigo esperando":
      "(?:sigo|seguimos|continuo|continuamos|sigue|siguen) (?:esperando|a la espera|sin (?:respuesta|noticias|saber|recibir|solucion|luz|internet|linea|servicio|senal|agua|gas|conexion|cobertura|el reembolso|mi dinero|el dinero|que nadie))",
    "todavía no he recibido":
      "(?:todavia|aun|a dia de hoy|hasta (?:ahora|el momento|hoy)) (?:no|sin|nadie)(?: (?:me|nos|se|lo|la|los|las|me lo|me la|se lo))? (?:he |han |ha |hemos |habeis )?(?:recib|lleg|contest|respond|llam|soluciona|devuel|devolv|entreg|arregl|sab|repar|instal|reembols|abon|ingres|noticias|respuesta)[a-z]*",
    "llevo tres días esperando": `llevo (?:ya )?(?:mas de |casi |como |unos |unas )?(?:\\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|diez|quince|veinte|treinta|cuarenta|varias|varios|muchas|muchos|toda la|todo el|media|medio)(?: [a-z]+){0,2}? (?:esperando|sin (?:luz|internet|linea|servicio|agua|gas|senal|conexion|respuesta|noticias|solucion|mi dinero|el reembolso)|llamando|escribiendo|reclamando|en (?:este|el) (?:chat|telefono|linea|espera))`,
    "hace días que espero":
      "hace (?:ya )?(?:mas de )?(?:\\d+|un|una|dos|tres|cuatro|cinco|varias|varios|muchas|muchos) (?:dias|semanas|meses|horas) que (?:espero|estoy esperando|esperamos|reclamo|llamo|escribo)",
    "nadie me contesta":
      "nadie (?:me |nos )?(?:contesta|responde|llama|coge|atiende|hace caso|dice nada|ha llamado|ha contestado|ha respondido|ha dicho nada|me ha|da (?:una |ninguna )?(?:respuesta|solucion|explicacion)|da la cara|se pone|se ha puesto|soluciona|arregla|resuelve|ayuda|quita|devuelve|se hace cargo|se responsabiliza)",
    "llevo llamando toda la semana":
      "(?:llevo|llevamos) (?:ya )?(?:esperando|llamando|escribiendo|reclamando|intentando(?: [a-z]+){0,6}?) (?:toda la|todo el|todos los|todas las|desde|mas de|casi|\\d+|una|un|dos|tres|cuatro|cinco|varios|varias|muchos|muchas|semanas|dias|meses|horas)",
    "desde el lunes esperando":
      "desde (?:el |hace )?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|ayer|anteayer|principios de mes|el dia \\d+|\\d+ dias|una semana|dos semanas|un mes|hace [a-z0-9]+ [a-z]+) (?:esperando|intentando|sin|llamando|escribiendo|reclamando)",
    "vuelvo a escribir": "(?:vuelvo|volvemos) (?:otra vez )?a (?:escribir|llamar|reclamar|contactar|preguntar|insistir)",
    "cuarto día sin": "(?:\\d+ ?(?:o|º)?|segundo|tercer|cuarto|quinto|sexto|septimo) dia sin",
  }),
  ...entries(
    "supervisor_request",
    {
      "hablar con un responsable": `(?:hablar|habla|comunicar|comuniquen|comuniquemos|comuniqueme|comunicame|pasar|pase|pasen|pasame|paseme|pasenme|pasadme|pasarme|poner|ponme|pongame|ponganme|ponedme|llame|llamen|escalar) (?:me )?(?:con |a )?${DETERMINER_ES} ${BOSS_ES}`,
      "que me llame un responsable": `que (?:me|nos) (?:llame|atienda|conteste|escriba) ${DETERMINER_ES} ${BOSS_ES}`,
      "hablar con alguien que pueda":
        "(?:hablar|habla|pase|paseme|pasame|pasenme|pasadme|ponme|pongame|comuniqueme|comunicame|comuniquen|pasar|poner|ponga) (?:me )?con (?:alguien|una persona|otra persona) (?:que (?:sepa|pueda|tenga|mande|decida|me (?:solucione|ayude|de|resuelva))|con (?:autoridad|capacidad)|responsable|de (?:mas )?arriba|superior|competente)",
      "escalen mi caso":
        "(?:escalen|escala|escalad|escalar|eleven|elevad|elevar) (?:esto|mi caso|la incidencia|el caso|mi queja|mi reclamacion|el asunto)",
    },
    { negatable: true, unlessInSentence: "felicit|agradec|dar las gracias|dar(?:le|les)? la enhorabuena|para dar las" },
  ),
  ...entries(
    "churn_threat",
    {
      "me doy de baja": "(?:me|nos) (?:doy|damos|voy a dar|vamos a dar|dare|daremos|pienso dar|estoy pensando en dar) de baja",
      "voy a darme de baja":
        "(?:voy a|vamos a|pienso|estoy pensando en|me planteo|acabare por|terminare por) (?:darme de baja|darnos de baja|dar de baja|cancelar(?:lo)? todo|rescindir|anular el contrato|(?:cancelar|anular|rescindir) (?:el|mi|la|los|las) (?:contrato|suscripcion|cuenta|servicio|seguro|poliza|linea|tarjeta|tarifa|seguros|lineas)|(?:cambiarme|cambiarnos|irme|irnos|marcharme|pasarme) (?:de (?:compania|operador|operadora|banco|proveedor|seguro|aseguradora|empresa)|a (?:otra|otro|la competencia)|con (?:otra|otro|la competencia)))",
      "me voy a la competencia": `(?:me voy|nos vamos|me ire|nos iremos|me cambio|nos cambiamos|me paso|nos pasamos|me marcho|me largo|me cambiare) (?:a|con) (?:la competencia|otra (?:compania|empresa|operadora|aseguradora|tienda|marca|comercializadora)|otro (?:banco|operador|proveedor|sitio|seguro)|${BRANDS_ES})`,
      "perdéis un cliente":
        "(?:perdeis|pierden|habeis perdido|han perdido|acabais de perder|acaban de perder|perdieron|van a perder|vais a perder) (?:a )?(?:un|una) client[ea]",
      "no vuelvo a comprar":
        "no (?:vuelvo|volvere|pienso volver|volveremos|vuelvo nunca) a (?:comprar|pedir|contratar|confiar|reservar|volar|pisar)",
      "nunca más compro":
        "(?:ultima vez que|nunca mas|jamas) (?:os |les )?(?:compro|compramos|pido|contrato|reservo|vuelo|confio|comprare|pedire)",
      "cancelo el contrato":
        "(?:cancelo|cancelare|cancelamos|anulo|rescindo|rescindire) (?:el|la|mi|todo|los|las) (?:contrato|suscripcion|cuenta|servicio|seguro|poliza|linea|tarjeta|tarifa)",
      "quiero la baja ya":
        "(?:quiero|exijo) (?:la baja|darme de baja|cancelar(?:lo)?(?: todo)?) (?:ya|ahora mismo|inmediatamente|hoy mismo|de inmediato)",
    },
    { negatable: true, notInQuestion: true },
  ),
  ...entries("authority_complaint", {
    "reclamación ante una autoridad": `${AUTHORITY_ACTION_ES}(?: [^ .,;:!?]+){0,6}? (?:a |en |ante |con |al |del |de )?${AUTHORITY_ES}`,
    "hoja de reclamaciones": "(?:hoja|libro|hojas) de reclamacion(?:es)?",
    "acciones legales":
      "(?:acciones|accion|medidas) (?:legales|judiciales)|via (?:judicial|legal)|(?:os|les|te) (?:denuncio|denunciare|demando|demandare|voy a denunciar|voy a demandar)|denunciaros|denunciarles|demandaros|demandarles",
    "mi abogado se pondrá en contacto":
      "(?:mi|nuestro) (?:abogad[oa]|departamento legal|gabinete juridico) (?:se pondra|os|les|se va a|va a|tomara)",
  }),
  ...entries("complaint_threat", {
    "quiero poner una reclamación":
      "(?:quiero|voy a|vengo a|deseo|quisiera|me gustaria|necesito) (?:poner|presentar|hacer|interponer|abrir|tramitar|dejar) (?:una|mi) (?:reclamacion|queja|denuncia)(?: formal| oficial| por escrito)?|(?:reclamacion|queja) (?:formal|oficial|por escrito)",
    "dejaré una reseña":
      "(?:dejare|pondre|escribire|publicare|subire|contare|voy a (?:dejar|poner|escribir|publicar|subir|contar)|lo (?:voy a )?(?:publicar|contar|subir|poner)e?)(?: [^ .,;:!?]+){0,6}? (?:en )?(?:(?:todas )?(?:las )?(?:webs? de )?resenas?|(?:una )?valoracion(?:es)?|(?:las )?redes(?: sociales)?|twitter|facebook|instagram|tiktok|google|trustpilot|tripadvisor|internet|(?:los )?foros?|(?:la )?prensa)",
    "os voy a exhibir en redes":
      "(?:exhibir|escrachar|quemar|denunciar publicamente)(?:los|les|os|te)? (?:en|por) (?:redes|internet|twitter|facebook|tiktok|instagram)|(?:los|les|os) voy a (?:exhibir|escrachar|quemar)",
  }),
  ...entries("insult", {
    "sois unos inútiles":
      "(?:sois|son|eres|es usted|estais|vaya|menuda|menudos|menudas|panda de|pandilla de|atajo de|hatajo de|banda de|manada de|unos|unas) (?:unos |unas |un |una )?(?:inutiles|inutil|incompetentes|incompetente|sinverguenzas|sinverguenza|ladrones|ladron|estafadores|estafador|timadores|chorizos|payasos|impresentables|mentirosos|mentirosas|caraduras|caradura|idiotas|imbeciles|gilipollas|subnormales|ineptos|inepto|cutres|rateros|vividores|sinvergonzones|aprovechados)",
    ladrones: "ladrones|estafadores|timadores|sinverguenzas|gilipollas|imbeciles|cabrones|malnacidos|hijos de puta|hdp|inutiles",
    "esto es una estafa": {
      source: "(?:esto es|es|menuda|vaya|que|sois|son) (?:una |un |unos )?(?:estafa|robo|timo|mierda|basura|porqueria|chapuza|estafadores)",
      notInQuestion: true,
    },
    "servicio de mierda":
      "(?:de|una|un|esta|este|vaya|menuda) (?:mierda|basura|porqueria|asco)(?: de (?:servicio|empresa|atencion|compania))?",
    "me cago en":
      "me cago en|joder|jodidos?|jodidas?|hostias|puta madre(?<!de puta madre)|carajo|chingad[ao]s?|la concha de|boludos|pelotudos|huevones|weones|ctm|conchetumare|mierda",
  }),
  ...entries(
    "exasperation",
    {
      "estoy harta":
        "(?:estoy|estamos|ya estoy|ya estamos|estoy ya|me teneis|me tienen|me tienes|me estais poniendo|me estan poniendo)(?: (?:muy|super|realmente|bastante|completamente|totalmente|ya|hasta))* (?:h?art[oa]s?|cansad[oa]s?|quemad[oa]s?|indignad[oa]s?|furios[oa]s?|enfadad[oa]s?|cabread[oa]s?|mosquead[oa]s?|desesperad[oa]s?|decepcionad[oa]s?|molest[oa]s?|frustrad[oa]s?|negr[oa]|frit[oa]s?|loc[oa]s?|aburrid[oa]s?|maread[oa]s?|de los nervios|hasta (?:las narices|el gorro|la coronilla|los huevos|la madre|arriba))",
      inaceptable:
        "inaceptable|intolerable|indignante|vergonzoso|vergonzosa|lamentable|penoso|pesimo|pesima|nefasto|nefasta|deplorable|bochornoso|impresentable|surrealista|tercermundista|(?<!(?:me|te|nos|le|les|os) da )verguenza",
      "una tomadura de pelo":
        "(?:una|que|menuda|vaya) (?:tomadura de pelo|burla|broma de mal gusto|pesadilla|falta de respeto|falta de profesionalidad|falta de seriedad)|tomadura de pelo|(?:un|que|menudo|vaya) (?:desastre|cachondeo|chiste|desproposito|abuso|caos|circo)",
      "me estáis tomando el pelo":
        "(?:me|nos) (?:estais|estan|esta|estas|habeis|han) (?:tomando el pelo|vacilando|timando|mintiendo|enganando|robando|tomado el pelo|mentido|enganado|robado)|(?:me|nos) (?:tomais|toman) el pelo",
      "vaya servicio":
        "(?:vaya|menudo|menuda|valiente) (?:servicio|atencion|empresa|tela|compania|trato|gestion)(?! (?:tan|mas) (?:bueno|buena|rapido|rapida|bien|amable|genial))",
      "es el colmo":
        "(?:es|esto es|ya es) el colmo|ya (?:me )?(?:canse|he cansado|harte|he hartado)|no (?:hay|teneis|tienen|tiene) (?:derecho|verguenza|palabra|seriedad)",
      "gracias por nada":
        "gracias por nada|perdida de tiempo|(?:me|nos) (?:habeis|han|has|ha) hecho perder (?:el tiempo|la manana|el dia|la tarde|toda la manana)",
      "a ver si esta vez": "a ver si (?:esta vez|de una vez|por fin|es verdad|asi alguien)",
      "más os vale": "mas (?:os|les|te|le) vale",
      "es increíble": "es increible(?= ?[.!]| que|$)|no me lo puedo creer|esto no puede (?:ser|seguir asi)|no puede seguir asi",
      "no hay manera":
        "no hay (?:manera|forma|quien)|ya no se (?:que|a quien|como|donde) (?:mas )?(?:hacer|acudir|escribir|llamar|decir|reclamar)",
      "no quiero más excusas":
        "(?:no|ya no) (?:quiero|acepto|admito|me valen|me sirven) (?:mas )?(?:excusas|disculpas|largas|mentiras|promesas|perdones)",
      "exijo una compensación":
        "(?:quiero|exijo|pido|reclamo) (?:que me (?:compensen|indemnicen|compenseis|indemniceis)|una (?:compensacion|indemnizacion))|exijo|exigimos|exigire",
      "me siento engañado":
        "(?:me siento|me he sentido|nos sentimos) (?:muy |totalmente |completamente )?(?:enganad[oa]s?|estafad[oa]s?|timad[oa]s?|ignorad[oa]s?|frustrad[oa]s?|decepcionad[oa]s?|maltratad[oa]s?|humillad[oa]s?|tomad[oa]s? por tont[oa]s?|abandonad[oa]s?)",
      "perder la paciencia":
        "(?:perder|perdiendo|pierdo|he perdido|se me (?:acaba|agota|esta acabando|esta agotando)) la paciencia|mi paciencia tiene un limite",
      "ni me molesto": "(?:ya )?ni me molesto|total,? para que|(?:a nadie le importa|nadie se hace responsable|nadie se responsabiliza)",
      "me marean":
        "(?:me|nos) (?:marean|mareais|estais mareando|estan mareando|pasan de uno a otro|pasais de uno a otro|van pasando|teneis dando vueltas|tienen dando vueltas)|(?:cada (?:uno|dia|vez)|uno) (?:me )?(?:dice|dicen|decis|cuenta) (?:una cosa|algo) distint[oa]",
      "no me habéis solucionado nada":
        "(?:no|nadie) (?:me |nos )?(?:habeis |han |ha |has |hayan |haya )?(?:soluciona|solucione|arregla|arregle|resuel|resolv|ayuda|ayude)[a-z]* nada",
    },
    { negatable: true },
  ),
];

// ── English ──────────────────────────────────────────────────────────────────────────────────────────
const ORDINAL_EN =
  "(?:second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|tenth|10th|\\d+(?:st|nd|rd|th)|nth|umpteenth|hundredth|millionth)";
const COUNT_EN =
  "(?:twice|three times|four times|five times|several times|multiple times|many times|so many times|countless times|a dozen times|\\d+ times)";
const BOSS_EN =
  "(?:manager|supervisor|superior|team ?lead(?:er)?|boss|line manager|senior (?:member of staff|person|agent|manager)|someone senior|somebody senior|someone in charge|somebody in charge|head of [a-z]+)";
const AUTHORITY_EN =
  "(?:(?:the )?bbb|(?:the )?better business bureau|(?:the )?(?:energy |financial |communications |property |rail |legal |parliamentary )?ombudsman|trading standards|(?:the )?ftc|(?:the )?federal trade commission|(?:the )?cfpb|(?:the )?consumer financial protection bureau|(?:the |my )?(?:state )?attorney general|ofcom|ofgem|ofwat|(?:the )?fca|(?:the )?financial conduct authority|citizens advice|small claims(?: court)?|(?:a |my |our )?(?:lawyer|solicitor|attorney)s?|the (?:press|local news|newspapers?|papers|regulator|watchdog|police|courts?)|consumer (?:protection|rights|affairs)|court)";
const AUTHORITY_ACTION_EN =
  "(?:report|reporting|reported|complain|complaining|complained|complaint|complaints|file|filing|filed|lodge|lodging|lodged|escalate|escalating|escalated|take|taking|contact|contacting|contacted|go|going|gone|went|refer|referring|referred|involve|involving|involved|get|getting|speak|speaking|spoke|spoken|talk|talking|consult|consulting|consulted|hear from|raise|raising|raised|write|writing|sue|suing|instruct|instructing|call|calling)";

const ENGLISH: CuePattern[] = [
  ...entries("repeat_contact", {
    "for the third time": `for the ${ORDINAL_EN} time`,
    "this is the third time": `(?:this is|that's|thats|it's|its|this will be|now) (?:now |already )?(?:the|my|our) ${ORDINAL_EN} (?:time|email|e-mail|call|message|attempt|chat|request|complaint|letter|ticket)`,
    "third time asking": `${ORDINAL_EN} (?:time|email|call|message|attempt) (?:asking|writing|calling|chasing|contacting|emailing|in a row|this (?:week|month|year)|running)`,
    "third missed appointment": `${ORDINAL_EN} (?:missed|failed|cancelled|canceled|broken|wasted|no-show|botched|wrong)`,
    "not the first time": "(?:isn't|is not|not|wasn't|was not) the first time",
    "I already told you":
      "(?:i(?:'ve| have)? already|as i(?:'ve| have)? already) (?:told|said|explained|mentioned|gave|given)(?: (?:you|this|that|it))?|i(?:'ve| have) (?:told|explained|said) (?:you|this|it|that) (?:already|before|twice|several times)",
    "how many times": "how many (?:more )?times",
    "told you three times": `(?:told|asked|called|rang|emailed|explained|written|wrote|messaged|chased|contacted|promised|said)(?: (?:you|this|it|that|us|me|about this|about it|a call back|a callback))? ${COUNT_EN}`,
    "contacting you again":
      "(?:writing|contacting|calling|asking|emailing|chasing|messaging|ringing|explaining|complaining|reporting|repeating)(?: (?:you|this|about this|it|myself|for this))? (?:yet )?again",
    "charged again":
      "(?:charged|billed|cancell?ed|late|broken|down|failed|declined|missed|delayed|damaged|lost|happened|happening|not working|out|wrong|overcharged|disconnected|cut off) (?:yet )?again",
    "yet again":
      "yet again|again and again|over and over(?: again)?|(?:every|each) (?:single )?time (?:i|i'm|i am|we) (?:call|ring|contact|chat|email|write|order|get told|am told|'m told|told|try)",
    "I've rung four times": `(?:i've|i have|we've|we have|i've now|i have now|i've already|i have already) (?:rung|called|phoned|emailed|e-mailed|written|messaged|chased|contacted|been in touch|complained|reported)(?: [a-z']+){0,3} ${COUNT_EN}`,
    "that's what I was told":
      "(?:that's|thats|that is) what (?:i was|we were|you) (?:told|said|promised)(?: me)?(?: (?:last|yesterday|before|on|the last|too|as well))",
  }),
  ...entries("still_waiting", {
    "still waiting":
      "stil(?:l)? (?:waiting|no (?:sign|word|reply|response|refund|engineer|update|answer|news|one|money|delivery|parcel|order|call|internet|power|service)|nothing|not (?:received|heard|fixed|working|sorted|resolved|arrived|delivered|refunded|had)|haven't|have not|hasn't|has not|don't have|do not have|no-one|nobody|waiting)",
    "nobody has got back to me":
      "(?:nobody|no one|noone|no-one) (?:has |have |had |ever )?(?:got(?:ten)? back|called|replied|responded|answered|came|come|turned up|showed up|contacted|rung|bothered|picks up|answers|replies|gets back)",
    "I've been waiting for weeks":
      "(?:i've|i have|we've|we have|i've now|i have now) been waiting (?:for )?(?:over |more than |almost |nearly |about )?(?:a|an|\\d+|two|three|four|five|six|several|weeks|days|months|hours|ages|forever)",
    "it's been two weeks":
      "(?:it's|its|it has|it's now|it has now|it's already) been (?:over |more than |almost |nearly )?(?:\\d+|two|three|four|five|six|a|several|many) (?:weeks?|days?|months?)",
    "day 5 without": "(?:day|week) (?:\\d+|two|three|four|five|six|seven) (?:without|of no|with no|and still)",
    "chasing this up": "(?:i'm |i am |we're |still )?chasing (?:this|my|up|it|you)",
    "nobody ever does": "(?:nobody|no one|noone|no-one) (?:ever )?(?:does|did|calls|rings|answers|replies|responds|comes|shows|turns up)",
    "not one of them turned up":
      "not (?:one|a single one|a single person|a soul|once)(?: of them)? (?:has )?(?:turned up|showed up|came|called|replied|responded|got back)",
    "hasn't moved in nine days":
      "(?:hasn't|has not|haven't|have not|hadn't|didn't) (?:moved|changed|updated|arrived|budged|been (?:updated|resolved|fixed|delivered|answered|processed)) (?:in|for) (?:over |more than |almost )?(?:\\d+|a|an|two|three|four|five|six|several|ten) (?:days?|weeks?|hours?|months?)",
    "on hold for fifty minutes":
      "(?:on hold|in (?:the|a) queue|waiting on the phone) for (?:over |more than |almost |nearly )?(?:\\d+|an?|two|three|forty|fifty|sixty) (?:minutes|mins|hours?)",
    "trying for days":
      "(?:tried|trying|been trying) to (?:get|reach|contact|speak|talk|sort|find)(?: [a-z']+){0,5} for (?:days|weeks|hours|ages|months|a week|a month)",
  }),
  ...entries(
    "supervisor_request",
    {
      "speak to a manager": `(?:speak|talk|speaking|talking|put me through|transfer me|connect me|pass me over|put me on|escalate (?:this|it|me)) (?:to|with|through to|over to)? ?(?:a|an|the|your|ur|some)? ?${BOSS_EN}`,
      "someone senior":
        "(?:speak|talk|speaking|talking) (?:to|with) (?:someone|somebody|a person) (?:more senior|senior|in charge|higher up|above you|with (?:more )?authority|who (?:can actually|actually|knows|can))",
      "get me a manager": `(?:get|fetch|give|find) me (?:a|an|the|your)? ?${BOSS_EN}`,
      "I want a manager": `(?:i want|i need|i demand|i'd like|i would like|i insist on)(?: to have)? (?:a|an|the|your) ${BOSS_EN}`,
      "escalate this":
        "(?:please|can you|could you|i want you to|i need you to|i'd like you to|i would like you to|i want this|i want it) (?:to be )?escalated?(?: (?:this|it|my (?:case|complaint|issue|ticket)))?",
      "get me a real person":
        "(?:get|give|put|transfer|connect) me (?:to |through to |with )?(?:a|an|some) (?:real|actual|competent) (?:person|human|human being)",
    },
    { negatable: true, unlessInSentence: "compliment|praise|thank|commend|say how (?:good|great|helpful)|feedback on how (?:good|great)" },
  ),
  ...entries(
    "churn_threat",
    {
      "I'm cancelling":
        "(?:i'm|i am|im|i'll|i will|we're|we are|we'll|we will|i'm going to|i am going to|im going to|we're going to|gonna|i'm gonna|i'm just going to|then i'm|i'm definitely|i'm seriously considering|i am seriously considering|i'm considering|i'm about to) (?:be )?(?:cancel(?:l?ing)?|clos(?:e|ing) (?:my|our) (?:account|accounts)|leav(?:e|ing) (?:you|for)|tak(?:e|ing) (?:my|our) (?:business|custom|money))",
      "switching providers":
        "(?:switch(?:ing)?|mov(?:e|ing)|go(?:ing)?) (?:to (?:another|a different|a new|a better|a cheaper) (?:provider|supplier|company|bank|network|carrier|shop|store|airline|insurer|one)|to (?:your competitor|a competitor|the competition|your competitors)|providers|suppliers|banks|networks|carriers|insurers|away from you|elsewhere)",
      "take my business elsewhere": "take (?:my|our) (?:business|custom|money) (?:elsewhere|somewhere else)",
      "never buying again":
        "(?:never|won't|will not|wont|not) (?:be )?(?:buy(?:ing)?|order(?:ing)?|shop(?:ping)?|us(?:e|ing)|fly(?:ing)?|book(?:ing)?|recommend(?:ing)?|com(?:e|ing) back|deal(?:ing)?|stay(?:ing)?)(?: (?:from|with|at) (?:you|this company|you guys|your company|this shop|this store|your store))?(?: (?:ever )?again)",
      "you've lost a customer":
        "(?:you've|you have|you just|you've just|you have just) lost (?:a|another|yourself a) (?:loyal |long-standing |good )?customer",
      "cancel my account unless":
        "(?:cancel|close|terminate|end) (?:my|our|the) (?:account|contract|subscription|membership|service|plan|policy) (?:if|unless|immediately|today|now|right now)",
      "looking for another provider":
        "(?:looking (?:for|at)|shopping (?:around for|for)|considering) (?:another|a new|a different|other) (?:provider|supplier|company|bank|network|insurer|providers|suppliers|companies)",
      "I want it cancelled immediately":
        "(?:i want|i'd like|i would like|i need) (?:my|the|this|our) (?:account|contract|subscription|membership|service|plan|policy) (?:cancelled|canceled|closed|terminated) (?:effective )?(?:immediately|now|right now|today|with immediate effect)",
    },
    { negatable: true, notInQuestion: true },
  ),
  ...entries("authority_complaint", {
    "report you to the authority": `(?<!(?:can|could|may|might|must|should|how to|where to|whether to|how do i|where do i|you) )${AUTHORITY_ACTION_EN}(?: [^ .,;:!?]+){0,6}? (?:to |with |at |through |via |from |in )?${AUTHORITY_EN}`,
    chargeback:
      "charge ?backs?|(?:dispute|disputing|reverse|reversing) (?:the|this|these|that) (?:charges?|payments?|transactions?) with (?:my|the) (?:bank|card|credit card)",
    "legal action":
      "legal action|legal proceedings|take (?:you|this|it|the matter) to court|see you in court|(?:i'll|i will|i am going to|i'm going to|going to) sue|sue you",
    "my lawyer will be in touch":
      "(?:my|our) (?:lawyer|solicitor|attorney|legal team)s? (?:will|is going to|shall|are going to) (?:be in touch|contact|hear|write|deal)",
  }),
  ...entries("complaint_threat", {
    "I want to make a formal complaint":
      "(?:i want to|i'd like to|i would like to|i wish to|i'm going to|i am going to|i will|i'll|i need to|i have to|i'm about to) (?:make|file|lodge|raise|submit|register|open|put in) (?:a|an) (?:formal |official |written )?complaint|formal complaint|official complaint",
    "I'll leave a review":
      "(?:i'll|i will|i'm going to|i am going to|going to|gonna|i'm|i am) (?:be )?(?:leav(?:e|ing)|writ(?:e|ing)|post(?:ing)?|put(?:ting)?|giv(?:e|ing)) (?:a |an |my |you a |you an )?(?:honest |bad |terrible |scathing |1-star |one-star |one star |1 star |negative |public )?(?:review|rating|post|tweet)",
    "post this on social media":
      "(?:post|share|put|plaster|blast) (?:this|it|my experience|the photos?|the pictures?) (?:on|all over|across) (?:social media|twitter|x|facebook|tiktok|instagram|reddit|trustpilot|google|the internet)|so (?:others|other people|everyone|people) (?:know|can see|are warned|don't)|(?:1|one)[- ]star (?:review|rating)",
  }),
  ...entries("insult", {
    "you people are useless":
      "(?:you|you're|youre|you are|ur|u r|you people|you lot|you guys|your (?:staff|team|company|agents|people|service|support|customer service|app|website|site|company)|this company|this shop|this place)(?: (?:are|is|r))? (?:(?:a|an|such|a bunch of|bunch of|absolute|absolutely|complete|completely|total|totally|utter|utterly|fucking|bloody|so|just|nothing but|a pack of) )*(?:useless|incompetent|idiots?|morons?|clowns?|liars?|crooks|thieves|scammers|frauds?|disgrace|a disgrace|joke|a joke|pathetic|clueless|hopeless|rubbish|garbage|trash|shambles|shambolic|rip-?off|cowboys|amateurs|a con)",
    "this is a scam": {
      source:
        "(?:this is|it's|its|what|you're running|what a) (?:a |an |an absolute |a total |a complete |a )?(?:scam|rip-?off|con|daylight robbery|shambles|joke|disgrace)",
      notInQuestion: true,
    },
    "useless chatbot": "useless (?:chatbot|bot|app|website|site|service|company|support|people|staff|system|lot|bunch)",
    profanity:
      "wtf|what the (?:fuck|hell|heck)|fuck(?:ing|ed|s)?|f\\*+k(?:ing)?|f\\*+ing|effing|shit(?:ty)?|crap(?:py)?|bullshit|piss(?:ed)? off|pissed|bloody (?:useless|hell|joke|ridiculous|nightmare)|goddamn|asshole|arseholes?|wankers?|bastards?|screw (?:you|this)|sod (?:off|this)",
  }),
  ...entries(
    "exasperation",
    {
      "I'm fed up":
        "(?:i'm|im|i am|i've been|we're|we are|i feel|i'm getting|i am getting|i'm now|i am now|i'm becoming|honestly i'm|i'm honestly)(?: (?:so|very|really|extremely|incredibly|absolutely|beyond|totally|completely|utterly|quite|just|getting|pretty|now|fairly|deeply|seriously|rather))* (?:fed up|sick(?: and tired)? of|tired of|frustrated|furious|livid|angry|annoyed|fuming|disgusted|appalled|outraged|upset|disappointed|exasperated|at my wits'? end|losing (?:my )?patience|done with|sick to death)",
      unacceptable:
        "unacceptable|ridiculous|outrageous|disgraceful|appalling|atrocious|absurd|laughable|a nightmare|a farce|beyond a joke|not good enough|not acceptable|beyond frustrating|infuriating|a shambles",
      "this is frustrating":
        "(?:this is|it's|it is|that's|thats|its|how|so|really|very|extremely|incredibly)(?: (?:so|really|very|extremely|incredibly|beyond|super|pretty|absolutely))? (?:frustrating|maddening|annoying|exhausting|infuriating)",
      "are you kidding me":
        "are you (?:kidding|joking|serious|having a laugh)(?: me)?|you(?:'ve| have) got to be (?:kidding|joking)|you must be joking|seriously(?= ?\\?)|give me a break",
      "waste of time":
        "(?:a |complete |total |such a )?waste of (?:my |our )?(?:time|money)|wasted (?:my|a|the whole|an entire|another|half a|a whole) (?:time|day|morning|afternoon|evening|week)",
      "thanks for nothing": "(?:thanks|thank you) for nothing",
      "going round in circles":
        "go(?:ing)? round in circles|going around in circles|getting nowhere|the runaround|fobbed off|passed from pillar to post|passed around",
      "this is getting silly": "this is getting (?:silly|ridiculous|beyond|absurd|out of hand|old|stupid|beyond a joke)",
      "worst service":
        "(?:worst|terrible|awful|horrible|dreadful|abysmal|appalling|shocking|disgraceful|pathetic|atrocious|rubbish|poor) (?:customer )?(?:service|support|experience|company|communication)",
      "don't tell me": "(?:don't|do not) (?:tell|give) me (?:it's|its|that|the same|another|again)",
      "I've had enough": "(?:i've|i have|we've|we have) had enough|enough is enough|sick of this|last straw",
      "at the end of my rope": "at (?:the end of my (?:rope|tether)|my wits'? end)",
      disgusted:
        "(?:absolutely |totally |utterly |completely |so |just )?(?:disgusted|appalled|furious|livid|fuming|outraged|incensed|seething)",
      "no one seems to care":
        "(?:no one|nobody|noone|no-one) (?:here |there |at the store |at the shop )?(?:seems to |seemed to |actually |even )?(?:cares?|cared|gives a|give a|bothered|is bothered|was bothered|seems bothered|seemed bothered|seems interested|seemed interested|takes responsibility)",
      "what's the point": "(?:what's|whats|what is) the point(?: of [^.?!]{1,60})? if|(?:what's|whats|what is) the point(?= ?[.!?]|$)",
      "I don't want sorry": "(?:i )?(?:don't|do not) want (?:a |an |your |another |more |any )?(?:sorry|apology|apologies|excuses)",
      "I want compensation":
        "(?:i want|i expect|i demand|i deserve|i'd like|i would like|i'm owed|i am owed) (?:some |proper |full |fair |a )?(?:compensation|goodwill gesture)|i (?:demand|insist)",
      "I've wasted": "(?:i've|i have|we've|we have) wasted|(?:absolute |total |complete )?(?:shambles|shambolic|farce|fiasco|omnishambles)",
    },
    { negatable: true },
  ),
];

export const CUE_PATTERNS: Readonly<Record<Language, readonly CuePattern[]>> = { es: SPANISH, en: ENGLISH };

/** Any thanks, however curt: enough to read capitals and "!!!" in the same message as excitement, not anger. */
export const ANY_THANKS: Readonly<Record<Language, string>> = {
  es: "gracias|grax|grcs|graciass?",
  en: "thanks|thank you|thank u|thankyou|thx|ty|cheers|ta",
};

/** Emoji that read as pleased. Clapping, upside-down faces and folded hands are left out: often sarcastic or pleading. */
export const PLEASED_EMOJI: ReadonlySet<string> = new Set(
  "😊 😀 😃 😄 😁 😆 🙂 😍 🥰 😘 🤗 👍 👌 🙌 ❤️ ❤ 💕 💖 💗 💙 💚 💛 💜 🧡 🤍 🎉 🥳 ✨ 😻 💯 🤩 ☺️ 😎 💍 🎂".split(" "),
);

/**
 * Warm thanks in the customer's last message: «muchísimas gracias», «genial, gracias», "thank you so much",
 * "you've been very helpful". A bare "gracias"/"thanks"/"ok" is politeness, not satisfaction, and does not count.
 */
export const WARM_THANKS: Readonly<Record<Language, string>> = {
  es: alternatives([
    "(?:muchas|muchisimas|mil|infinitas|un millon de) gracias",
    "gracias (?:de verdad|de corazon|mil|a ti|a vosotros|a vosotras|a usted|a ustedes|por todo|por (?:la|tu|su|vuestra) (?:ayuda|rapidez|gestion|atencion|amabilidad|paciencia|solucion|explicacion|eficacia)|por (?:mirarlo|avisar|resolverlo|solucionarlo|arreglarlo|la info|todo))",
    "(?:muy|super|muy muy) amables?",
    "(?:genial|perfecto|estupendo|fenomenal|fantastico|maravilloso|buenisimo|ideal|vale perfecto)[,.!]* gracias",
    "(?:me|nos) (?:habeis|has|han|ha) salvado",
    "sois (?:los mejores|geniales|unos cracks|un encanto)",
    "(?:un placer|encantad[oa]|que bien|que maravilla|que rapidez|ya decia yo)",
  ]),
  en: alternatives([
    "thank you (?:so|very) much|thanks (?:so|very) much|thank you thank you",
    "thanks a (?:lot|million|bunch|ton)|many thanks|much appreciated|(?:really|truly|greatly) appreciate(?:d)?",
    "(?:great|perfect|brilliant|amazing|lovely|awesome|fantastic|wonderful|excellent|super|ahh amazing)[,.!]* (?:thank(?:s| you)|cheers)",
    "(?:you've|you have) been (?:very |really |so |super |incredibly |most )?(?:helpful|great|amazing|brilliant|kind|lovely|fantastic)",
    "you're (?:a star|a legend|amazing|the best|brilliant|a lifesaver)|legend|lifesaver|top service",
    "thanks for (?:making it easy|sorting|fixing|your help|the help|checking|all your help|getting back)|thank you for (?:making it easy|sorting|fixing|your help|the help|checking|all your help)",
    "(?:that's|thats) (?:really |very |so )?kind|thank you dear",
  ]),
};
