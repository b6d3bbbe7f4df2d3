/**
 * The single table's shape, shared by the CDK stack and the local platform so
 * both create exactly the same keys, indexes, stream and TTL.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  globalSecondaryIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  ttlAttribute: "expiresAt",
  streamViewType: "NEW_AND_OLD_IMAGES",
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]["indexName"];
