// swagger-ui-dist ships no types: the one entry point Settings → API uses, as far as it uses it.
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  const SwaggerUI: (options: { domNode: HTMLElement; spec: Record<string, unknown> } & Record<string, unknown>) => unknown;
  export default SwaggerUI;
}
