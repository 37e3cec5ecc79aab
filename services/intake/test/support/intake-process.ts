import { ServiceProcess } from '@frm/testing';

export { WORKSPACE_ROOT, type LogLine } from '@frm/testing';

/** The intake service as a separate OS process (`npm run start:intake`), with the environment given. */
export const IntakeProcess = {
  spawn: (env: Readonly<Record<string, string>>): ServiceProcess => ServiceProcess.spawn('intake', env),
};
export type IntakeProcess = ServiceProcess;
