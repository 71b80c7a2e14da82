import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// DESIGN.md: db/ is imported only by lib/**/repo.ts (queries), the seed and the entry server.
const dbImportBan = {
  patterns: [
    { group: ["@/db/client", "@/db/client.*", "**/db/client"], message: "Query through lib/<area>/repo.ts; call services from routes and pages." },
  ],
};
// Route handlers, pages and actions call services, never repos.
const repoImportBan = {
  patterns: [...dbImportBan.patterns, { group: ["@/lib/*/repo", "**/repo"], message: "Call lib/<area>/service.ts instead of a repo." }],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", repoImportBan] },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/**/repo.ts"],
    rules: { "no-restricted-imports": ["error", dbImportBan] },
  },
  {
    files: ["lib/sharing/policy.ts", "lib/**/schemas.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db/client", "next", "next/*", "react", "react-dom", "**/repo"], message: "policy.ts and schemas.ts stay pure." }] },
      ],
    },
  },
  // `const { secret, ...rest } = row` is how a field is left out of an object.
  { rules: { "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }] } },
  {
    files: ["test/**", "e2e/**", "scripts/**", "bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
