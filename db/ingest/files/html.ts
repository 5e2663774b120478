import { compile } from "html-to-text";

const LOOKS_LIKE_HTML = /<\/?(p|div|br|span|a|b|i|strong|em|ul|ol|li|table|tr|td|h[1-6]|blockquote|img|font|html|body)\b[^>]*>|&(nbsp|amp|lt|gt|quot|#\d+);/i;

// Compiled once: building the converter costs more than converting a message.
const convert = compile({
  wordwrap: false,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
});

/** Helpdesks and exports often carry HTML bodies: reviewers and models need the text. Plain text is left alone. */
export function htmlToText(body: string): string {
  if (!LOOKS_LIKE_HTML.test(body)) return body;
  return convert(body)
    .replace(/\u00a0/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
