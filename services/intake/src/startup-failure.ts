import { InvalidSettingsError } from '@frm/config';
import { KafkaUnreachableError, TopicMissingError } from '@frm/messaging';
import { MetricsPortUnavailableError } from '@frm/metrics';
import { GrpcPortUnavailableError } from '@frm/nest-grpc';
import { DatabaseUnavailableError } from '@frm/postgres';
import { DataDirInUseError, InvalidStorageSettingsError } from '@frm/storage';
import { TrendHalfLifeMismatchError } from '@frm/trend';

/** What can stop intake from starting that the person starting it can fix, as the message says. */
export const INTAKE_SETUP_ERRORS = [
  InvalidSettingsError,
  KafkaUnreachableError,
  TopicMissingError,
  DatabaseUnavailableError,
  GrpcPortUnavailableError,
  MetricsPortUnavailableError,
  DataDirInUseError,
  InvalidStorageSettingsError,
  TrendHalfLifeMismatchError,
];
