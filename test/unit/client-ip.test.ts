import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpFrom, computeClientIp } from "@/lib/api/client-ip";

const SOCKET = "203.0.113.7";

describe("computeClientIp", () => {
  it("uses the socket address and ignores X-Forwarded-For with no trusted hops", () => {
    expect(computeClientIp(SOCKET, "1.2.3.4", 0)).toBe(SOCKET);
    expect(computeClientIp(SOCKET, "1.2.3.4, 5.6.7.8", 0)).toBe(SOCKET);
  });

  it("never lets a client-sent X-Forwarded-For through with no trusted hops (property)", () => {
    fc.assert(
      fc.property(fc.string(), (forwarded) => {
        expect(computeClientIp(SOCKET, forwarded, 0)).toBe(SOCKET);
      }),
    );
  });

  it("takes the rightmost entry behind one proxy", () => {
    expect(computeClientIp("10.0.0.2", "6.6.6.6, 198.51.100.9", 1)).toBe("198.51.100.9");
  });

  it("takes the second entry from the right behind two proxies", () => {
    expect(computeClientIp("10.0.0.2", "6.6.6.6, 1.2.3.4, 10.0.0.1", 2)).toBe("1.2.3.4");
  });

  it("skips empty entries and surrounding spaces", () => {
    expect(computeClientIp(SOCKET, " 1.2.3.4 ,, 198.51.100.9 , ", 1)).toBe("198.51.100.9");
  });

  it.each([
    ["a garbage entry", "not-an-ip", 1],
    ["an entry with a port", "198.51.100.9:4711", 1],
    ["a chain shorter than the hops", "198.51.100.9", 2],
    ["an empty header", "", 1],
  ])("falls back to the socket for %s", (_label, forwarded, hops) => {
    expect(computeClientIp(SOCKET, forwarded, hops)).toBe(SOCKET);
  });

  it("normalises IPv4-mapped IPv6 addresses", () => {
    expect(computeClientIp("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    expect(computeClientIp(SOCKET, "::ffff:198.51.100.9", 1)).toBe("198.51.100.9");
  });

  it("keeps plain IPv6 addresses and answers 0.0.0.0 without any address", () => {
    expect(computeClientIp("2001:db8::1", undefined, 0)).toBe("2001:db8::1");
    expect(computeClientIp(undefined, undefined, 0)).toBe("0.0.0.0");
    expect(computeClientIp("garbage", undefined, 0)).toBe("0.0.0.0");
  });
});

describe("clientIpFrom", () => {
  it("reads only a valid IP from the entry server's header", () => {
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "198.51.100.9, 1.2.3.4" }))).toBeNull();
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "198.51.100.9" }))).toBeNull();
  });
});
