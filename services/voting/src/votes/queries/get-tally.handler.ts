import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import type { Logger } from '@frm/logging';
import type { ReadCache } from '@frm/read-cache';
import { LOGGER, TALLY_CACHE } from '../../voting.tokens';
import { commandIdOf } from '../commands/vote-request';
import { VoteRepository } from '../commands/vote.repository';
import { voteStreamId } from '../domain';
import { VotesReadModel } from '../read-model/votes.read-model';

/** A tally as the cache keeps it (its protobuf bytes). */
export const tallyCodec = { encode: (tally: frmV1.Tally) => frmV1.Tally.encode(tally).finish(), decode: (bytes: Buffer) => frmV1.Tally.decode(bytes) };

@Injectable()
export class GetTallyHandler implements OnApplicationBootstrap {
  constructor(
    private readonly readModel: VotesReadModel,
    private readonly votes: VoteRepository,
    @Inject(TALLY_CACHE) private readonly cache: ReadCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // Warming and the refreshes after a vote replay a feature request's id. One this read model does
    // not know (asked for by mistake, or read by another deployment sharing the Redis) has nothing to fill.
    cache.replayWith((request) =>
      this.sharedTally(request.toString()).then(
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof NotFoundError)) throw error;
        },
      ),
    );
  }

  /** After a deploy the most read tallies are in the cache before the first people ask for them. */
  onApplicationBootstrap(): void {
    this.cache
      .warm()
      .then((tallies) => tallies > 0 && this.logger.info({ tallies }, `warmed the tally cache with the ${tallies} most read tallies`))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'warming the tally cache failed; tallies are cached as they are asked for'));
  }

  async execute(request: frmV1.GetTallyRequest, caller: CallerContext): Promise<frmV1.Tally> {
    commandIdOf('GetTally', '', { requestId: '' }, { feature_request_id: request.featureRequestId });
    const id = request.featureRequestId.toLowerCase();
    // The caller's own vote comes from its stream, not the read model: right after a CastVote the
    // person sees their vote even before the tally has caught up.
    const [tally, callerVote] = await Promise.all([this.sharedTally(id), this.votes.load(voteStreamId(id, caller.subject))]);
    return { ...tally, callerVoted: callerVote.status === 'active' };
  }

  /** The part every caller sees alike, cached until the votes projection applies an event of this request. */
  private sharedTally(id: string): Promise<frmV1.Tally> {
    return this.cache.read({
      key: id,
      scope: id,
      codec: tallyCodec,
      request: Buffer.from(id),
      load: async (): Promise<frmV1.Tally> => {
        const row = (await this.readModel.tally(id)) ?? ((await this.readModel.featureRequestCaughtUp(id)) ? await this.readModel.tally(id) : undefined);
        if (!row) throw new NotFoundError('feature request', id);
        return { featureRequestId: id, counted: row.counted, flagged: row.flagged, weighted: row.weighted, callerVoted: false };
      },
    });
  }
}
