import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

/** Socket inodes a process holds open (its fds linking to `socket:[inode]`). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

const listenState = "0A";

/** Listening TCP sockets from /proc/net/tcp{,6}: local address (hex, as the kernel writes it), port, inode. */
function listeningSockets(): { address: string; port: number; inode: string; family: 4 | 6 }[] {
  return (["tcp", "tcp6"] as const).flatMap((file) =>
    readFileSync(`/proc/net/${file}`, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === listenState)
      .map((fields) => {
        const [address, port] = fields[1]!.split(":") as [string, string];
        return {
          address,
          port: Number.parseInt(port, 16),
          inode: fields[9]!,
          family: file === "tcp" ? 4 : 6,
        };
      }),
  );
}

/** 127.0.0.0/8 (little-endian hex), ::1, or IPv4-mapped 127.x. */
function isLoopback({ address, family }: { address: string; family: 4 | 6 }): boolean {
  if (family === 4) return address.endsWith("7F");
  return (
    address === "00000000000000000000000001000000" || /^0000000000000000FFFF0000[0-9A-F]{6}7F$/.test(address)
  );
}

describe.runIf(process.platform === "linux")("local platform exposure", () => {
  it("binds every listening socket of the stack's processes to loopback", () => {
    const pids = inject("stackPids");
    expect(pids.length).toBe(2); // this test runner's stack process and DynamoDB Local's JVM
    const inodes = new Set(pids.flatMap((pid) => [...socketInodes(pid)]));
    const listening = listeningSockets().filter((socket) => inodes.has(socket.inode));
    const ports = new Set(listening.map((socket) => socket.port));
    for (const endpoint of [
      inject("baseUrl"),
      inject("dynamoEndpoint"),
      inject("s3Endpoint"),
      inject("calendarUrl"),
    ])
      expect(ports).toContain(Number(new URL(endpoint).port));
    expect(listening.filter((socket) => !isLoopback(socket))).toEqual([]);
  });

  it("keeps DATA_DIR readable by its owner only", () => {
    const dataDir = inject("dataDir");
    const open: string[] = [];
    let files = 0;
    const walk = (path: string) => {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) return;
      if (stat.mode & 0o077) open.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
      if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
      else files++;
    };
    walk(dataDir);
    expect(files).toBeGreaterThan(2); // DynamoDB Local's database, the emulator's state, the session secret
    expect(open).toEqual([]);
  });
});
