import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import { frmEventsV1 } from '@frm/contracts';
import { DeadLetterHeaders, EventHeaders, FEATURE_REQUESTS_TOPIC, VOTES_TOPIC } from '@frm/messaging';
import { newCheck, type CheckResult } from './check-result';
import { listTopics, readWholeTopic, type TopicMessage } from './kafka-topics';

/**
 * Nothing acknowledged is missing from Kafka: every acknowledged vote's VoteCast on frm.votes.v1
 * (its `ce_subject` is the vote id) and every acknowledged request's FeatureRequestSubmitted on
 * frm.feature-requests.v1, read from the beginning by a consumer group of its own. Repeats are
 * allowed (the relay may send again after a crash; consumers de-duplicate by `ce_id`) and counted.
 * Reads again until nothing is missing or `timeoutMs` passes, as the relay may still be catching up.
 */
export async function checkEventsOnKafka(kafka: Kafka, voteIds: readonly string[], requestIds: readonly string[], timeoutMs: number): Promise<CheckResult> {
  const check = newCheck('no acknowledged vote or request is missing from Kafka');
  const started = Date.now();
  for (const [topic, type, ids] of [
    [VOTES_TOPIC, frmEventsV1.VoteCast.$type, voteIds],
    [FEATURE_REQUESTS_TOPIC, frmEventsV1.FeatureRequestSubmitted.$type, requestIds],
  ] as const) {
    let messages: TopicMessage[] = [];
    let missing: string[] = [];
    do {
      if (messages.length > 0) await sleep(2_000);
      messages = await readWholeTopic(kafka, topic);
      const published = new Set(messages.filter((message) => message.headers[EventHeaders.type] === type).map((message) => message.headers[EventHeaders.subject]));
      missing = ids.filter((id) => !published.has(id));
    } while (missing.length > 0 && Date.now() - started < timeoutMs);
    const eventIds = messages.map((message) => message.headers[EventHeaders.id]);
    const repeats = eventIds.length - new Set(eventIds).size;
    check.figures[topic] = { messages: messages.length, acknowledged: ids.length, missing: missing.length, repeatedEventIds: repeats };
    check.lines.push(`${topic}: ${messages.length} messages, every one of ${ids.length - missing.length}/${ids.length} acknowledged ${type.split('.').at(-1)} there; ${repeats} repeated event ids (harmless: consumers de-duplicate on ce_id)`);
    if (missing.length > 0) check.failures.push(`${missing.length} acknowledged ${type} events are not on ${topic}, e.g. ${missing.slice(0, 5).join(', ')}`);
  }
  return check;
}

/** The dead-letter topics (`<topic>.dlq`) hold nothing, or only messages whose frm-dlq-* headers say why. */
export async function checkDeadLetters(kafka: Kafka): Promise<CheckResult> {
  const check = newCheck('the dead-letter topics hold nothing unexplained');
  const topics = (await listTopics(kafka)).filter((topic) => topic.endsWith('.dlq')).sort();
  check.figures['topics'] = topics;
  if (topics.length === 0) check.lines.push('no dead-letter topic exists: no consumer gave up on any message');
  for (const topic of topics) {
    const letters = await readWholeTopic(kafka, topic);
    const unexplained = letters.filter((letter) => !letter.headers[DeadLetterHeaders.errorMessage]);
    check.figures[topic] = letters.length;
    check.lines.push(`${topic}: ${letters.length} dead letters`);
    for (const letter of letters.slice(0, 5)) {
      check.lines.push(
        `   ${letter.headers[EventHeaders.type] ?? '?'} from ${letter.headers[DeadLetterHeaders.consumer] ?? '?'}: ${letter.headers[DeadLetterHeaders.errorMessage] ?? '(no reason)'}`,
      );
    }
    if (unexplained.length > 0) check.failures.push(`${topic} holds ${unexplained.length} dead letters without a ${DeadLetterHeaders.errorMessage} header`);
  }
  return check;
}
