import { describe, expect, it } from "vitest";
import { keys } from "../../../shared/data/keys.ts";
import { indexes, tableDefinition } from "../../../shared/data/table.ts";

describe("keys", () => {
  it("refuses a key part containing the separator, so one value cannot reach another's partition", () => {
    expect(() => keys.user("anna#x")).toThrow(/separator|"#"/);
    expect(() => keys.agentBookingsPartition("anna#")).toThrow();
    expect(() => keys.idempotency("anna", "key#1")).toThrow();
    expect(() => keys.bookingOnDay("2031-01-01", "09:00", "a#b")).toThrow();
    expect(() => keys.slotRange("2031-01-01#", "2031-01-02")).toThrow();
  });

  it("builds the documented keys from plain parts", () => {
    expect(keys.booking("b1")).toEqual({ pk: "BOOKING#b1", sk: "BOOKING" });
    expect(keys.bookingOfAgent("anna", "2031-01-01T08:00:00.000Z", "b1")).toEqual({
      gsi1pk: "AGENT#anna",
      gsi1sk: "2031-01-01T08:00:00.000Z#b1",
    });
    expect(keys.agentBookingsPartition("anna")).toBe(keys.bookingOfAgent("anna", "x", "y").gsi1pk);
    expect(keys.slotRange("2031-01-01", "2031-01-02")).toEqual({ from: "2031-01-01#", to: "2031-01-02#~" });
    expect(keys.idempotency("anna", "k-1")).toEqual({ pk: "IDEMPOTENCY#anna#k-1", sk: "REQUEST" });
  });

  it("declares exactly the indexes the queries may name", () => {
    expect(tableDefinition.globalSecondaryIndexes.map((index) => index.indexName)).toEqual(
      Object.values(indexes),
    );
  });
});
