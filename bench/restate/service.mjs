// The Restate side of the EntityActors bench: the product's accounts and inventory items as virtual objects.
// Usage: node --import ./polyfill.mjs service.mjs <port>   (the bench starts it and registers it with the server)
import * as restate from "@restatedev/restate-sdk";
import { entityObject } from "./entity-object.mjs";
import * as accounts from "./rules/accounts.mjs";
import * as inventoryItems from "./rules/inventory-items.mjs";

const port = Number(process.argv[2] ?? process.env.PORT ?? 9080);

const bound = await restate
  .endpoint()
  .bind(entityObject("accounts", accounts))
  .bind(entityObject("inventory-items", inventoryItems))
  .listen(port);

// The bench waits for this line before registering the deployment.
console.log(`entityactors-restate-service listening on ${bound}`);
