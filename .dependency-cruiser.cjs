/**
 * Import boundaries, checked by a tool rather than by review (see docs/ARCHITECTURE.md, "Layers").
 *
 * lib/ is five layers; each may import only the layers below it:
 *   interfaces → features → runtime → platform → model
 */
const LAYERS = ["model", "platform", "runtime", "features", "interfaces"];

/** One rule per layer: nothing above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `${layer}-imports-only-below`,
  comment: `lib/${layer} may not import ${LAYERS.slice(index + 1).join(", ")}: imports only point down.`,
  severity: "error",
  from: { path: `^lib/${layer}/` },
  to: { path: `^lib/(${LAYERS.slice(index + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "model-is-pure",
      comment: "lib/model runs in the browser and in tests without a database: no server modules, no Node built-ins.",
      severity: "error",
      from: { path: "^lib/model/" },
      to: {
        path: "^lib/generated/|node_modules/(server-only|pg|@prisma|graphile-worker|next)/",
      },
    },
    {
      name: "model-has-no-node-builtins",
      severity: "error",
      from: { path: "^lib/model/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "nothing-imports-app",
      comment: "app/ holds routes only; server actions and everything else live in lib/ and components/.",
      severity: "error",
      from: { path: "^(lib|components|scripts|prisma)/" },
      to: { path: "^app/" },
    },
    {
      name: "lib-has-no-ui",
      comment: "lib/ is the domain: no React, no Next UI modules, no components.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^components/|node_modules/(react|react-dom|next/(link|image|navigation|dynamic|font))" },
    },
    {
      name: "client-never-imports-server",
      comment:
        "Components must not pull in the database, the engine, sessions or the audit writer (server actions are fine).",
      severity: "error",
      from: { path: "^components/" },
      to: {
        path: "^lib/(platform/(db|queue|auth/(auth-options|current-member|ensure-admin)|audit/audit-log)|runtime/engine|features/define-action)",
      },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-cycles",
      comment: "Folders depend on each other in one direction only.",
      severity: "error",
      scope: "folder",
      from: { path: "^(lib|components)/" },
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
