import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { countStaleFacts, loadSlaConfig, resolveSlaConfig, saveSlaConfig } from "../../db/facts";
import { CHANNELS, type Channel } from "../../scoring/domain";
import {
  type BusinessSchedule,
  DEFAULT_SLA_TARGETS,
  type SlaTargetOverrides,
  WEEKDAYS,
  type Weekday,
  businessScheduleSchema,
} from "../../scoring/sla";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { ChannelBadge } from "../components/badges";
import { isRecomputing, recomputeAfterSettingsChange } from "../dashboards/recompute.server";
import { env } from "../env.server";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Response targets" }];

const UNITS = { s: 1000, min: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNITS;

/** 30 000 ms → 30 s, 900 000 → 15 min, 3 600 000 → 1 h: the largest unit that divides evenly. */
export function splitDuration(ms: number): { value: number; unit: Unit } {
  if (ms % UNITS.h === 0) return { value: ms / UNITS.h, unit: "h" };
  if (ms % UNITS.min === 0) return { value: ms / UNITS.min, unit: "min" };
  return { value: ms / UNITS.s, unit: "s" };
}

const unitField = z.enum(["s", "min", "h"]);
const amount = z.coerce.number().positive().max(100_000);
const optionalAmount = z.union([z.literal("").transform(() => null), amount]);
const channelFields = Object.fromEntries(
  CHANNELS.flatMap((channel) => [
    [`${channel}.standard`, amount],
    [`${channel}.standardUnit`, unitField],
    [`${channel}.worldClass`, optionalAmount],
    [`${channel}.worldClassUnit`, unitField],
    [`${channel}.business`, z.literal("on").optional()],
  ]),
);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const scheduleFields = z.object({
  timeZone: z.string().trim().min(1).max(64),
  opens: timeOfDay,
  closes: timeOfDay,
  "days[]": z.array(z.enum(WEEKDAYS)).default([]),
});
type ScheduleFields = z.infer<typeof scheduleFields>;

export const targetsFormSchema = scheduleFields.extend(channelFields);

function scheduleFrom(data: ScheduleFields): BusinessSchedule {
  const weekly: BusinessSchedule["weekly"] = {};
  for (const day of data["days[]"]) weekly[day] = [{ open: data.opens, close: data.closes }];
  return { timeZone: data.timeZone, weekly };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  const db = await getDb();
  const [config, stale] = await Promise.all([loadSlaConfig(db), countStaleFacts(db)]);
  const targets = resolveSlaConfig(config).targets;
  const firstDay = config.schedule ? (Object.values(config.schedule.weekly).find((intervals) => intervals?.length)?.[0] ?? null) : null;
  return {
    version: config.version,
    channels: CHANNELS.map((channel) => ({
      channel,
      standard: splitDuration(targets[channel].firstResponse.standardMs),
      worldClass:
        targets[channel].firstResponse.worldClassMs === null ? null : splitDuration(targets[channel].firstResponse.worldClassMs as number),
      business: config.businessHoursChannels.includes(channel),
    })),
    schedule: {
      timeZone: config.schedule?.timeZone ?? env().APP_TIMEZONE,
      opens: firstDay?.open ?? "09:00",
      closes: firstDay?.close ?? "18:00",
      days: config.schedule
        ? WEEKDAYS.filter((day) => (config.schedule?.weekly[day]?.length ?? 0) > 0)
        : (["monday", "tuesday", "wednesday", "thursday", "friday"] as Weekday[]),
    },
    stale,
    recomputing: isRecomputing(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ROLE_GROUPS.admins);
  const db = await getDb();
  const parsed = parseFormData(targetsFormSchema, await request.formData(), resolveLocale(request, admin.locale));
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  const data = parsed.data as Record<string, unknown>;
  const overrides: SlaTargetOverrides = {};
  const businessHoursChannels: Channel[] = [];
  for (const channel of CHANNELS) {
    const standardMs = Math.round((data[`${channel}.standard`] as number) * UNITS[data[`${channel}.standardUnit`] as Unit]);
    const worldClassValue = data[`${channel}.worldClass`] as number | null;
    const worldClassMs = worldClassValue === null ? null : Math.round(worldClassValue * UNITS[data[`${channel}.worldClassUnit`] as Unit]);
    const defaults = DEFAULT_SLA_TARGETS[channel].firstResponse;
    if (standardMs !== defaults.standardMs || worldClassMs !== defaults.worldClassMs) {
      // One target per channel for the first response and every later reply, as the seeds' table gives.
      const target = { standardMs, worldClassMs };
      overrides[channel] = { firstResponse: target, everyReply: target };
    }
    if (data[`${channel}.business`] === "on") businessHoursChannels.push(channel);
  }
  const schedule = scheduleFrom(data as ScheduleFields);
  if (!businessScheduleSchema.safeParse(schedule).success) return { ok: false as const, errors: { timeZone: "targets.invalid" } };
  try {
    await saveSlaConfig(db, { overrides, schedule: businessHoursChannels.length > 0 ? schedule : null, businessHoursChannels });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const channel = CHANNELS.find((name) => error.message.startsWith(`${name}.`));
    return { ok: false as const, errors: { [channel ? `${channel}.worldClass` : "form"]: "targets.invalid" } };
  }
  const { stale } = await recomputeAfterSettingsChange(db);
  return { ok: true as const, stale };
}

function DurationInput({
  name,
  value,
  optional,
  invalid,
}: {
  name: string;
  value: { value: number; unit: Unit } | null;
  optional?: boolean;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="duration-input">
      <input
        type="number"
        name={name}
        min="0.001"
        step="any"
        required={!optional}
        defaultValue={value?.value ?? ""}
        aria-invalid={invalid || undefined}
        aria-label={name}
        placeholder={optional ? "—" : undefined}
      />
      <select name={`${name}Unit`} defaultValue={value?.unit ?? "min"} aria-label={`${name} unit`}>
        {(Object.keys(UNITS) as Unit[]).map((unit) => (
          <option key={unit} value={unit}>
            {t(`targets.units.${unit}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

export default function ResponseTargets() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("targets.title")}</h1>
          <p>{t("targets.subtitle")}</p>
        </div>
        <Link to="/admin/forbidden-phrases" className="btn btn-secondary">
          {t("forbiddenPhrases.link")}
        </Link>
      </div>
      {result?.ok ? (
        <div className="alert alert-success" role="status">
          {t("targets.saved", { count: result.stale })}
        </div>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div className="alert alert-error" role="alert">
          {t("targets.invalid")}
        </div>
      ) : null}
      <Form method="post">
        <div className="card">
          <table className="data targets-table">
            <thead>
              <tr>
                <th>{t("targets.channel")}</th>
                <th>{t("targets.standard")}</th>
                <th>
                  {t("targets.worldClass")} <span className="muted">({t("targets.noWorldClass")})</span>
                </th>
                <th>{t("targets.businessHours")}</th>
              </tr>
            </thead>
            <tbody>
              {data.channels.map((row) => (
                <tr key={row.channel}>
                  <td>
                    <ChannelBadge channel={row.channel} />
                  </td>
                  <td>
                    <DurationInput
                      name={`${row.channel}.standard`}
                      value={row.standard}
                      invalid={Boolean(errors[`${row.channel}.standard`])}
                    />
                  </td>
                  <td>
                    <DurationInput
                      name={`${row.channel}.worldClass`}
                      value={row.worldClass}
                      optional
                      invalid={Boolean(errors[`${row.channel}.worldClass`])}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      name={`${row.channel}.business`}
                      defaultChecked={row.business}
                      aria-label={`${row.channel} ${t("targets.businessHours")}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card">
          <div className="card-body">
            <h2>{t("targets.schedule")}</h2>
            <p className="muted">{t("targets.scheduleHint")}</p>
            <div className="grid-form">
              <div className="field">
                <label htmlFor="timeZone">{t("targets.timeZone")}</label>
                <input id="timeZone" name="timeZone" type="text" defaultValue={data.schedule.timeZone} required />
                {errors.timeZone ? <span className="field-error">{t("targets.invalid")}</span> : null}
              </div>
              <div className="field">
                <label htmlFor="opens">{t("targets.opens")}</label>
                <input id="opens" name="opens" type="time" defaultValue={data.schedule.opens} required />
              </div>
              <div className="field">
                <label htmlFor="closes">{t("targets.closes")}</label>
                <input id="closes" name="closes" type="time" defaultValue={data.schedule.closes} required />
              </div>
              <fieldset className="field">
                <legend className="label">{t("targets.openDays")}</legend>
                <div className="checkbox-list">
                  {WEEKDAYS.map((day) => (
                    <label key={day}>
                      <input type="checkbox" name="days[]" value={day} defaultChecked={data.schedule.days.includes(day)} />
                      {t(`weekdays.${day}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
            </div>
          </div>
        </div>
        <div className="card">
          <div className="card-body inline-form">
            <button type="submit" className="btn">
              {t("targets.save")}
            </button>
            <span className="muted" data-stale={data.stale}>
              {data.stale > 0 || data.recomputing ? t("targets.pending", { count: data.stale }) : t("targets.upToDate")}
            </span>
          </div>
          <div className="card-body muted">{t("targets.howItWorks")}</div>
        </div>
      </Form>
    </>
  );
}
