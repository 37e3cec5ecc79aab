import { cancelOnInterrupt } from '../cancel-on-interrupt';
import { CliError, INTERRUPTED_EXIT_CODE } from '../cli-error';
import { ExportAssembler, type SubjectExport } from './export-assembler';
import { exportFailureOf, isGrpcFailure } from './export-failure';
import { ExportProgressBar } from './export-progress-bar';
import { exportSubjectData, type ExportCall } from './export-stream';

/** The whole export, received with a progress bar; Ctrl+C cancels the call and writes nothing. */
export async function receiveExport(call: Omit<ExportCall, 'signal'>): Promise<SubjectExport> {
  const assembler = new ExportAssembler(call.plan.subjectId);
  const interruption = cancelOnInterrupt();
  const progressBar = new ExportProgressBar(call.plan.subjectId);
  try {
    for await (const chunk of exportSubjectData({ ...call, signal: interruption.signal })) {
      assembler.add(chunk);
      progressBar.update(assembler.recordCount, assembler.tableCount);
    }
  } catch (error) {
    if (interruption.signal.aborted) {
      throw new CliError(`export interrupted; nothing was written. Run again with --request-id ${call.plan.requestId} for the same export`, INTERRUPTED_EXIT_CODE);
    }
    throw isGrpcFailure(error) ? exportFailureOf(error, { address: call.gateway.address, requestId: call.plan.requestId }) : error;
  } finally {
    progressBar.stop();
    interruption.dispose();
  }
  return assembler.finish();
}
