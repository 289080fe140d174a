import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <p className="text-sm font-semibold text-rose-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Not allowed for your role</h1>
      <p className="mt-2 text-slate-600">Your role does not give access to this page. Ask an admin if you need it.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">Back to the overview</Link>
    </main>
  );
}
