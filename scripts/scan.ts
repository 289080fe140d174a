import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { detect } from "@/lib/detect/detect";
import { DETECT_ROLES } from "@/lib/detect/types";

// npm run scan -- <file.jsonl>
// Runs Warden's detectors over a JSONL file of {"id", "text", "role"?} records, streaming it line by
// line, and prints one JSON line per record: { id, findings }. A line that cannot be read gives
// { line, error } instead, so one bad record does not hide the others. Exits 0 once the file is read.

const RecordSchema = z.object({
  id: z.union([z.string(), z.number()], { error: "id must be a string or a number" }),
  text: z.string({ error: "text must be a string" }),
  role: z.enum(DETECT_ROLES, { error: `role must be one of ${DETECT_ROLES.join(", ")}` }).optional(),
});

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("Usage: npm run scan -- <file.jsonl>");
  process.exit(2);
}

const input = createReadStream(file, { encoding: "utf8" });
input.on("error", (error) => {
  console.error(`Cannot read ${file}: ${error.message}`);
  process.exit(2);
});

let lineNumber = 0;
for await (const line of createInterface({ input, crlfDelay: Infinity })) {
  lineNumber++;
  if (line.trim() === "") continue;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    console.log(JSON.stringify({ line: lineNumber, error: `Line ${lineNumber} is not valid JSON: ${(error as Error).message}` }));
    continue;
  }
  const record = RecordSchema.safeParse(parsed);
  if (!record.success) {
    const problems = record.error.issues.map((issue) => issue.message).join("; ");
    console.log(JSON.stringify({ line: lineNumber, error: `Line ${lineNumber}: ${problems}` }));
    continue;
  }
  const { findings } = detect(record.data.text, { role: record.data.role ?? "user" });
  console.log(JSON.stringify({ id: record.data.id, findings }));
}
