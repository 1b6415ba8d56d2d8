"use strict";
// Swagger UI on this server's own schema. Kept out of docs.html so the page's
// Content-Security-Policy needs no inline script; the bundle (loaded first, both deferred)
// is served by this server, so the page works offline.
window.ui = SwaggerUIBundle({
  url: new URL("openapi.json", document.baseURI).href,
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  // The default would send the schema to an online validator.
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
