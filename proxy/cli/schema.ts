/** `npm run schema`: prints the form JSON Schema; the script writes it to proxy/config/form.schema.json. */
import { formJsonSchema } from '../config/json-schema.ts';

process.stdout.write(formJsonSchema());
