import AjvCompiler from "@fastify/ajv-compiler";
import SerializerSelector from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

type Factories = NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>;
type Validate = ((data: unknown) => unknown) & { errors?: unknown };

/**
 * Fastify's own compilers (ajv for requests, fast-json-stringify for answers), each route's
 * validators and serializers compiled on their first use instead of all at start. Compiling the
 * schemas of every route of every answer took ~0.8 s of the server's start and half of the heap
 * the app holds (33 MB against 17 MB after start), most of it for routes a running server may never
 * be asked. `compileAll` compiles what is still pending: the tests call it, so a schema that does
 * not compile fails there rather than on some request.
 */
export function lazySchemas(): { compilersFactory: Factories; compileAll: () => number } {
  const pending = new Set<() => unknown>();
  const lazily = <F extends object>(compile: () => F): { get: () => F } => {
    let compiled: F | undefined;
    const get = () => {
      if (!compiled) {
        compiled = compile();
        pending.delete(get);
      }
      return compiled;
    };
    pending.add(get);
    return { get };
  };
  const validators = AjvCompiler();
  const serializers = SerializerSelector();
  const compilersFactory: Factories = {
    buildValidator: (external, options) => {
      const compile = validators(external, options as never);
      return (route) => {
        const validator = lazily(() => compile(route as never) as unknown as Validate);
        // Fastify reads a failed validation's errors from the function it called.
        const validate: Validate = (data) => {
          const fn = validator.get();
          const result = fn(data);
          validate.errors = fn.errors;
          return result;
        };
        return validate as never;
      };
    },
    buildSerializer: (external, options) => {
      const compile = serializers(external, options as never);
      return (route) => {
        const serializer = lazily(() => compile(route as never));
        return (data: unknown) => serializer.get()(data);
      };
    },
  };
  return {
    compilersFactory,
    compileAll: () => {
      const all = [...pending];
      for (const get of all) get();
      return all.length;
    },
  };
}
