export { freezeRuleAt, type FreezeRule } from './freeze-calendar';
export { FORCE_REASON_FIELD, guardRiskyOperation, type FreezeDecision, type FreezeOverride, type RiskyOperationCheck } from './freeze-guard';
export { DEFAULT_FREEZE_POLICY, systemClock, type BlackoutPeriod, type Clock, type FreezePolicy } from './freeze-policy';
export { freezePolicyFrom, freezeSettings } from './freeze.settings';
export { isTimeZone, localDateIn, WEEKDAYS, type LocalDate, type Weekday } from './local-date';
