import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ValidationError } from "@/lib/errors";

/**
 * Runs a write whose row has a unique name. The caller checks the name first for a friendly
 * message; this catches the race where two people pick the same name at the same moment.
 */
export async function withUniqueName<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ValidationError("Some fields need attention.", { name: message });
    }
    throw error;
  }
}
