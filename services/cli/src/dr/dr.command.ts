import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { cancelOnInterrupt } from '../cancel-on-interrupt';
import { CliError } from '../cli-error';
import { accessTokenOf, DEFAULT_GATEWAY_ADDRESS, gatewayTargetOf, type GatewayTarget } from '../gateway/gateway-target';
import { RecoveryCalls } from './recovery-calls';
import { recoveryFailureOf } from './recovery-failure';
import { describeBackups, describeDrill, describeRebuild, describeVerification, projectionsTable } from './recovery-reports';
import { RemoteProgressBar } from './remote-progress-bar';
import { restoreCommand } from './restore.command';

interface GatewayOptions {
  address?: string;
  token?: string;
  json?: boolean;
}

/** `frm dr`: the DR orchestrator's operations, through the gateway (so they work while `npm start` holds PGlite). */
export function drCommand(): Command {
  return new Command('dr')
    .description("disaster recovery through the DR orchestrator: projections' state, verified rebuilds, verification")
    .addCommand(withGatewayOptions(new Command('projections').description("every projection's checkpoint, lag in events and seconds, and state")).action(listProjections))
    .addCommand(
      withGatewayOptions(
        new Command('republish')
          .description('send stored events to Kafka again for a consumer team, marked frm-replay: true, rate-limited; Ctrl+C stops')
          .option('--from-position <position>', 'start after this position (<commit>/<prepare>; 0/0 for the first event)')
          .option('--from-time <time>', 'start with the events recorded at this time (ISO 8601)')
          .option('--to-position <position>', 'end with this position (default: the head when it starts)')
          .option('--to-time <time>', 'end with the events recorded at this time')
          .option('--topic <topic...>', 'only these topics (default every topic)')
          .option('--rate <messages-per-second>', 'at most this many messages a second (default 500)')
          .option('--force-reason <text>', 'on a wedding day: an admin’s reason to go ahead anyway, kept in the audit log')
          .option('--request-id <uuid>', 'repeat a forced call without a second audit entry'),
      ).action(republish),
    )
    .addCommand(
      withGatewayOptions(
        new Command('drill')
          .description('a restore drill: the newest backup restored into scratch schemas, every projection rebuilt and verified against the live system; reports RPO and RTO; changes nothing live')
          .option('--snapshot <name>', 'restore this snapshot instead of the newest (see frm dr backups)')
          .option('--reference-copies', 'verify against projections built a second time from the live events, instead of comparing the restored events with the live ones (slower)'),
      ).action(drill),
    )
    .addCommand(restoreCommand())
    .addCommand(withGatewayOptions(new Command('backups').description('the event store backups: recovery point, snapshots and segments with checksums')).action(listBackups))
    .addCommand(
      withGatewayOptions(
        new Command('verify').description('rebuild a scratch copy from the events and compare it with the live one; changes nothing').argument('<name>', 'projection'),
      ).action(verify),
    )
    .addCommand(
      withGatewayOptions(
        new Command('rebuild')
          .description('rebuild a projection without downtime; swapped only if it equals the live copy, or with --accept-differences. Ctrl+C cancels')
          .argument('<name>', 'projection')
          .option('--accept-differences', 'swap even if the rebuilt copy differs (the live rows are the damaged ones)')
          .option('--force-reason <text>', 'on a wedding day (a Saturday, a blackout date): an admin’s reason to go ahead anyway, kept in the audit log')
          .option('--request-id <uuid>', 'repeat a forced call without a second audit entry'),
      ).action(rebuild),
    );
}

function withGatewayOptions(command: Command): Command {
  return command
    .option('--address <host:port>', `the gateway (default FRM_GATEWAY_ADDRESS, else ${DEFAULT_GATEWAY_ADDRESS}; https://… for TLS)`)
    .option('--token <jwt>', 'an admin access token (default FRM_TOKEN)')
    .option('--json', 'print the result as JSON');
}

async function listProjections(options: GatewayOptions): Promise<void> {
  await withRecovery(options, async (calls) => {
    const response = await calls.listProjections();
    process.stdout.write(`${options.json ? JSON.stringify(response, null, 2) : projectionsTable(response)}\n`);
  });
}

interface RepublishOptions extends GatewayOptions {
  fromPosition?: string;
  fromTime?: string;
  toPosition?: string;
  toTime?: string;
  topic?: string[];
  rate?: string;
  forceReason?: string;
  requestId?: string;
}

async function republish(options: RepublishOptions): Promise<void> {
  const time = (text: string | undefined, option: string) => {
    if (text === undefined) return null;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new CliError(`${option} "${text}" is not a time; give ISO 8601, e.g. 2026-11-20T09:00:00Z`);
    return timestampFromDate(at);
  };
  const request = {
    requestId: options.requestId ?? randomUUID(),
    fromPosition: options.fromPosition ?? '',
    fromTime: time(options.fromTime, '--from-time'),
    toPosition: options.toPosition ?? '',
    toTime: time(options.toTime, '--to-time'),
    topics: options.topic ?? [],
    ratePerSecond: options.rate === undefined ? 0 : Number(options.rate),
    forceReason: options.forceReason ?? '',
  };
  await withRecovery(options, async (calls, signal) => {
    let last: frmV1.RepublishEventsUpdate | undefined;
    for await (const update of calls.republishEvents(request, signal)) {
      last = update;
      if (!update.done) process.stderr.write(`republish: ${update.eventsSent} sent, ${update.eventsScanned} read, at ${update.position} of ${update.toPosition}\n`);
    }
    if (!last?.done) throw new CliError('the orchestrator ended the republishing before it was done; see its log');
    process.stdout.write(
      options.json ? `${JSON.stringify(last)}\n` : `republished ${last.eventsSent} events (of ${last.eventsScanned} read) up to ${last.toPosition || 'the head'}, each marked frm-replay: true\n`,
    );
  });
}

async function drill(options: GatewayOptions & { snapshot?: string; referenceCopies?: boolean }): Promise<void> {
  await withRecovery(options, async (calls, signal) => {
    let report: frmV1.DrillReport | undefined;
    let phase = '';
    for await (const update of calls.runRestoreDrill({ snapshot: options.snapshot ?? '', referenceCopies: options.referenceCopies ?? false }, signal)) {
      if (update.progress && update.progress.phase + update.progress.projection !== phase) {
        phase = update.progress.phase + update.progress.projection;
        process.stderr.write(`drill: ${update.progress.phase}${update.progress.projection ? ` ${update.progress.projection}` : ''}\n`);
      }
      if (update.report) report = update.report;
    }
    if (!report) throw new CliError('the orchestrator ended the drill without a report; see its log');
    process.stdout.write(`${options.json ? JSON.stringify(report) : describeDrill(report)}\n`);
    if (!report.verified) process.exitCode = 3;
  });
}

async function listBackups(options: GatewayOptions): Promise<void> {
  await withRecovery(options, async (calls) => {
    const response = await calls.listBackups();
    process.stdout.write(`${options.json ? JSON.stringify(response, null, 2) : describeBackups(response)}\n`);
  });
}

async function verify(name: string, options: GatewayOptions): Promise<void> {
  await withRecovery(options, async (calls, signal) => {
    const bar = new RemoteProgressBar(`verify ${name}`);
    let report: frmV1.VerifyReport | undefined;
    try {
      for await (const update of calls.verifyProjection({ name }, signal)) {
        if (update.progress) bar.update(update.progress);
        if (update.report) report = update.report;
      }
    } finally {
      bar.stop();
    }
    if (!report) throw new CliError('the orchestrator ended the verification without a report; see its log');
    process.stdout.write(`${options.json ? JSON.stringify(report) : describeVerification(report)}\n`);
    if (!report.matches) process.exitCode = 3;
  });
}

async function rebuild(name: string, options: GatewayOptions & { acceptDifferences?: boolean; forceReason?: string; requestId?: string }): Promise<void> {
  await withRecovery(options, async (calls, signal) => {
    const bar = new RemoteProgressBar(`rebuild ${name}`);
    let outcome: frmV1.RebuildOutcome | undefined;
    try {
      const request = { name, acceptDifferences: options.acceptDifferences ?? false, forceReason: options.forceReason ?? '', requestId: options.requestId ?? randomUUID() };
      for await (const update of calls.rebuildProjection(request, signal)) {
        if (update.progress) bar.update(update.progress);
        if (update.outcome) outcome = update.outcome;
      }
    } finally {
      bar.stop();
    }
    if (!outcome) throw new CliError('the orchestrator ended the rebuild without an outcome; see its log');
    process.stdout.write(`${options.json ? JSON.stringify(outcome) : describeRebuild(outcome)}\n`);
    if (!outcome.swapped) process.exitCode = 3;
  });
}

async function withRecovery(options: GatewayOptions, work: (calls: RecoveryCalls, signal: AbortSignal) => Promise<void>): Promise<void> {
  const gateway: GatewayTarget = gatewayTargetOf(options.address, process.env['FRM_GATEWAY_ADDRESS']);
  const calls = new RecoveryCalls(gateway, accessTokenOf(options.token, process.env['FRM_TOKEN']));
  const interruption = cancelOnInterrupt();
  try {
    await work(calls, interruption.signal);
  } catch (error) {
    throw recoveryFailureOf(error, gateway.address);
  } finally {
    interruption.dispose();
    calls.close();
  }
}
