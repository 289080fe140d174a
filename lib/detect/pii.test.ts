import { describe, expect, it } from "vitest";
import { findPii, ibanValid, luhnValid } from "./pii";

const find = (text: string) => findPii(text).map((m) => ({ rule: m.rule, span: text.slice(m.start, m.end) }));

describe("personal-data detector", () => {
  it("accepts Luhn-valid card numbers and refuses the same digits with one changed", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(find("Card: 4111 1111 1111 1111, exp 12/29")).toEqual([{ rule: "payment_card", span: "4111 1111 1111 1111" }]);
    expect(find("Card: 5500-0000-0000-0004")).toEqual([{ rule: "payment_card", span: "5500-0000-0000-0004" }]);
    expect(find("Card: 4111 1111 1111 1112")).toEqual([]);
    expect(find("Order 4111111111111112 shipped")).toEqual([]);
  });

  it("accepts IBANs whose mod-97 checksum holds and refuses a mistyped one", () => {
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false);
    expect(ibanValid("DE8937040044053201300")).toBe(false); // too short for Germany
    expect(find("Pay to DE89 3704 0044 0532 0130 00 today")).toEqual([{ rule: "iban", span: "DE89 3704 0044 0532 0130 00" }]);
    expect(find("IBAN GB82WEST12345698765432.")).toEqual([{ rule: "iban", span: "GB82WEST12345698765432" }]);
    expect(find("Pay to DE89 3704 0044 0532 0130 01 today")).toEqual([]);
  });

  it("finds national identifiers only when their issuing rules hold", () => {
    expect(find("SSN 123-45-6789")).toEqual([{ rule: "us_ssn", span: "123-45-6789" }]);
    expect(find("SSN 000-45-6789 and 666-12-3456")).toEqual([]);
    expect(find("NI number AB 12 34 56 C")).toEqual([{ rule: "uk_nino", span: "AB 12 34 56 C" }]);
    expect(find("NI number GB 12 34 56 C")).toEqual([]);
    expect(find("DNI 12345678Z")).toEqual([{ rule: "es_dni", span: "12345678Z" }]);
    expect(find("DNI 12345678A")).toEqual([]);
  });

  it("finds e-mail addresses with their exact span", () => {
    const text = "Write to jane.doe+billing@acme-retail.co.uk.";
    expect(find(text)).toEqual([{ rule: "email", span: "jane.doe+billing@acme-retail.co.uk" }]);
    expect(find("@mention someone, or use user@localhost")).toEqual([]);
  });

  it("finds phone numbers but not dates, amounts or versions", () => {
    expect(find("Call +44 20 7946 0958 today")).toEqual([{ rule: "phone", span: "+44 20 7946 0958" }]);
    expect(find("US office: 415-555-0132")).toEqual([{ rule: "phone", span: "415-555-0132" }]);
    expect(find("Released 2024-01-15, revenue 10 000 000, version 1.22.333")).toEqual([]);
  });

  it("finds IPv4 and IPv6 addresses", () => {
    expect(find("client 203.0.113.42 connected")).toEqual([{ rule: "ip_address", span: "203.0.113.42" }]);
    expect(find("from 2001:db8:85a3::8a2e:370:7334 via")).toEqual([{ rule: "ip_address", span: "2001:db8:85a3::8a2e:370:7334" }]);
    expect(find("std::vector<int> and 999.1.1.1 and a::b")).toEqual([]);
    expect(find("listen on 127.0.0.1 or 0.0.0.0, mask 255.255.255.0, release v1.2.3.4")).toEqual([]);
  });
});
