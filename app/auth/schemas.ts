import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;

/** The first admin, from the setup page or `npm run create-admin`. */
export const firstAdminSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().email().max(254),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(1024),
});
