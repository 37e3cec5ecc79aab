import { defineSettings } from '@frm/config';
import { intakeSettings } from '@frm/intake';

/** Everything the one-process platform reads: each service's settings. */
export const launcherSettings = defineSettings({ ...intakeSettings });
