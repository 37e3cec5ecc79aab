import { defineSettings } from '@frm/config';
import { gatewaySettings } from '@frm/gateway';
import { intakeSettings } from '@frm/intake';

/** Everything the one-process platform reads: each service's settings. */
export const launcherSettings = defineSettings({ ...intakeSettings, ...gatewaySettings });
