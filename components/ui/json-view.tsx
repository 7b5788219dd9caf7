export function JsonView({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <div className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      {value === null || value === undefined ? (
        <p className="text-xs text-slate-500">none</p>
      ) : (
        <pre className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs leading-relaxed text-slate-800">
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}
