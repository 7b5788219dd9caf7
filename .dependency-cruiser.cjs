/** Import boundaries (DESIGN.md §13): checked by a tool, not by review. */
module.exports = {
  forbidden: [
    {
      name: "lib-has-no-ui",
      comment: "lib/ is the domain: no React, no Next UI modules, no components.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(components/|app/)|node_modules/(react|react-dom|next/(link|image|navigation|dynamic|font))" },
    },
    {
      name: "client-never-imports-server",
      comment: "Client components must not pull in the database, the engine or secrets.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^lib/(db|engine|auth/(auth-options|current-member|ensure-admin)|audit/audit-log|action)" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(lib/generated|\\.next)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
