export type { Finding, FraudSignalKind, ObservedRetraction, ObservedVote } from './observed-vote';
export {
  DEFAULT_FRAUD_DETECTION_CONFIG,
  fraudDetectionConfigFrom,
  longestWindowMs,
  type FraudDetectionConfig,
  type FraudDetectionConfigOverrides,
  type VoteWeightBand,
} from './fraud-detection.config';
export { scaleFraudDetectionTime } from './scale-fraud-detection-time';
export { DetectorWindow } from './detector-window';
export type { VoteTimeline } from './vote-timeline';
export type { Detector } from './detectors/detector';
export { detectSharedDevice } from './detectors/shared-device.detector';
export { detectSharedNetwork } from './detectors/shared-network.detector';
export { detectVoteRing } from './detectors/vote-ring.detector';
export { detectBurst } from './detectors/burst.detector';
export { detectNewAccounts } from './detectors/new-account.detector';
export { detectSerialVoting } from './detectors/serial-voting.detector';
export { DETECTORS, detectFraud } from './detect-fraud';
export { voteWeight } from './vote-weight';
export { hashSignals, networkOf, type HashedSignals, type RawSignals } from './hash-signals';
export { generateTraffic } from './simulation/generate-traffic';
export {
  ATTACK_KINDS,
  type AttackKind,
  type SimulatedRequest,
  type SimulatedTraffic,
  type SimulatedVote,
  type SimulatedVoter,
  type TrafficLabel,
  type TrafficOptions,
} from './simulation/simulated-traffic';
export { mulberry32 } from './simulation/random';
export { observeTraffic } from './simulation/observed-traffic';
export { evaluateDetectors, type DetectionRate, type DetectorEvaluation } from './simulation/evaluate';
export { formatEvaluations } from './simulation/evaluation-table';
