const DAY_MS = 86_400_000;

/** The platform's policy: a master key wraps data keys for at most 90 days before it is rotated. */
export const MASTER_KEY_ROTATION_DAYS = 90;

export interface RotationSchedule {
  readonly periodDays: number;
  /** When the current master key is due to be replaced. */
  readonly dueAt: Date;
  readonly due: boolean;
  /** Whole days until `dueAt`; once it has passed, whole days since, as a negative number. */
  readonly daysLeft: number;
}

/** When a master key in use since `createdAt` must be rotated, under the 90-day policy unless told another period. */
export function rotationSchedule(createdAt: Date, now: Date = new Date(), periodDays: number = MASTER_KEY_ROTATION_DAYS): RotationSchedule {
  const dueAt = new Date(createdAt.getTime() + periodDays * DAY_MS);
  return { periodDays, dueAt, due: now.getTime() >= dueAt.getTime(), daysLeft: Math.trunc((dueAt.getTime() - now.getTime()) / DAY_MS) || 0 };
}
