import type { Channel } from "../../../scoring/domain";

/** The channel colours of app.css, for SVG charts. */
export const CHANNEL_COLORS: Record<Channel, string> = {
  email: "#4263eb",
  chat: "#0ca678",
  phone: "#7048e8",
  whatsapp: "#2f9e44",
  facebook: "#1c7ed6",
  instagram: "#d6336c",
  twitter: "#343a40",
  sms: "#e67700",
  web_form: "#5c7cfa",
};

export const CHART = {
  primary: "#3b5bdb",
  primarySoft: "#bac8ff",
  success: "#2b8a3e",
  danger: "#c92a2a",
  warning: "#e67700",
  grid: "#e9ecef",
  axis: "#5f6877",
};
