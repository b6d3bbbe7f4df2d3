/**
 * The single table's index names: queries name an index only through this
 * const, so a typo is a type error and the table definition cannot drift.
 */
export const indexes = { gsi1: "gsi1", gsi2: "gsi2" } as const;

export type IndexName = (typeof indexes)[keyof typeof indexes];

/**
 * The single table's shape, shared by the CDK stack and the local platform so
 * both create exactly the same keys, indexes, stream and TTL.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  globalSecondaryIndexes: [
    { indexName: indexes.gsi1, partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: indexes.gsi2, partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  ttlAttribute: "expiresAt",
  streamViewType: "NEW_AND_OLD_IMAGES",
} as const;

/** Attributes that only address an item; repositories strip them before parsing an entity. */
export const keyAttributes = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "type"] as const;
