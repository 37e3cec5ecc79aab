import { defineSettings } from '@frm/config';
import { gatewaySettings } from '@frm/gateway';
import { intakeSettings } from '@frm/intake';
import { votingSettings } from '@frm/voting';

/** Everything the one-process platform reads: each service's settings. */
export const launcherSettings = defineSettings({ ...intakeSettings, ...votingSettings, ...gatewaySettings });
