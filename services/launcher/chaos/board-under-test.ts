import { LocalCluster } from './cluster/local-cluster';
import type { ChaosRunSettings } from './chaos-run.settings';
import { ReaderPool, TokenMint } from './load/board-identities';
import { seedBoard } from './load/board-seed';
import { BoardTraffic } from './load/board-traffic';
import { GrpcWebCaller } from './load/grpc-web-caller';
import { VoteLedger } from './load/vote-ledger';

/** The local cluster with a seeded board and the clients that load it. */
export interface BoardUnderTest {
  readonly cluster: LocalCluster;
  readonly caller: GrpcWebCaller;
  readonly mint: TokenMint;
  readonly readers: ReaderPool;
  readonly traffic: BoardTraffic;
  readonly requests: readonly string[];
  /** The roots of the run's process trees: this process and the Postgres cluster's postmaster. */
  readonly ownProcesses: () => readonly number[];
}

/** Starts the cluster (its own Postgres, Redis and Kafka) and seeds the board through the gateway. */
export async function startBoardUnderTest(settings: ChaosRunSettings, log: (line: string) => void, onCluster: (cluster: LocalCluster) => void): Promise<BoardUnderTest> {
  const cluster = await LocalCluster.start({ rateLimits: settings.limits, log });
  onCluster(cluster);
  const caller = new GrpcWebCaller(cluster.gatewayAddress, 512);
  const mint = new TokenMint(cluster.jwtSecret);
  // 600 accounts and 4,000 addresses: at 10× the normal rate each stays far below the limits.
  const readers = await ReaderPool.mint(mint, 600, 4_000);
  const requests = await seedBoard(caller, readers, settings.requests, log);
  const traffic = new BoardTraffic(caller, mint, readers, requests, new VoteLedger());
  const ownProcesses = () => [process.pid, ...[cluster.postgres.postmasterPid()].filter((pid): pid is number => pid !== undefined)];
  return { cluster, caller, mint, readers, traffic, requests, ownProcesses };
}
