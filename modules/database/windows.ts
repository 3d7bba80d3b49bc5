/** RDS backup and maintenance windows (UTC): parsing and overlap checks. Pure; no cdktf. */
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
/** RDS rejects either window when it is shorter than this. */
export const MIN_WINDOW_MINUTES = 30;

/** Minutes from the start of a day or week; `end` is above `start` (a window over midnight ends past the period). */
interface Span {
  readonly start: number;
  readonly end: number;
}

function clock(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function span(start: number, end: number, period: number): Span {
  return { start, end: end > start ? end : end + period };
}

/** A daily `hh24:mi-hh24:mi` window, or why it is not one. */
export function parseBackupWindow(window: string): Span | string {
  const [from, to, extra] = window.split("-");
  const start = from === undefined ? undefined : clock(from);
  const end = to === undefined ? undefined : clock(to);
  if (extra !== undefined || start === undefined || end === undefined)
    return `"${window}" must be hh24:mi-hh24:mi in UTC, e.g. "03:00-04:00"`;
  const parsed = span(start, end, DAY_MINUTES);
  if (parsed.end - parsed.start < MIN_WINDOW_MINUTES)
    return `"${window}" must last at least ${MIN_WINDOW_MINUTES} minutes`;
  return parsed;
}

/** A weekly `ddd:hh24:mi-ddd:hh24:mi` window, or why it is not one. */
export function parseMaintenanceWindow(window: string): Span | string {
  const parts = /^([a-z]{3}):(\d\d:\d\d)-([a-z]{3}):(\d\d:\d\d)$/.exec(window);
  const at = (day: string | undefined, time: string | undefined): number | undefined => {
    const index = DAYS.indexOf(day as (typeof DAYS)[number]);
    const minutes = time === undefined ? undefined : clock(time);
    return index < 0 || minutes === undefined ? undefined : index * DAY_MINUTES + minutes;
  };
  const start = at(parts?.[1], parts?.[2]);
  const end = at(parts?.[3], parts?.[4]);
  if (start === undefined || end === undefined)
    return `"${window}" must be ddd:hh24:mi-ddd:hh24:mi in UTC with days ${DAYS.join(", ")}, e.g. "sun:04:30-sun:05:30"`;
  const parsed = span(start, end, WEEK_MINUTES);
  if (parsed.end - parsed.start < MIN_WINDOW_MINUTES)
    return `"${window}" must last at least ${MIN_WINDOW_MINUTES} minutes`;
  return parsed;
}

/** True when the daily backup window meets the weekly maintenance window on any day (RDS rejects that). */
export function windowsOverlap(backup: Span, maintenance: Span): boolean {
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  for (let day = -1; day <= 7; day++) {
    const daily = { start: backup.start + day * DAY_MINUTES, end: backup.end + day * DAY_MINUTES };
    // The maintenance window may run past the end of the week: compare it and its copy a week earlier.
    if (
      overlaps(daily, maintenance) ||
      overlaps(daily, { start: maintenance.start - WEEK_MINUTES, end: maintenance.end - WEEK_MINUTES })
    )
      return true;
  }
  return false;
}
