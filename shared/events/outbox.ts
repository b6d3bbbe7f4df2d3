/**
 * Domain events written in the same transaction as the change they describe
 * (the outbox). The table's stream delivers them to the events handler.
 */
export interface OutboxEvent<T extends string = string, P = unknown> {
  /** Unique, deterministic id: consumers use it to apply each event once. */
  id: string;
  type: T;
  occurredAt: string;
  payload: P;
}

export const outboxPartitionPrefix = "OUTBOX#";

export type OutboxSubscriber = (event: OutboxEvent) => Promise<void>;

/** Event type → the subscribers that react to it. */
export type OutboxSubscribers = Record<string, OutboxSubscriber[]>;
