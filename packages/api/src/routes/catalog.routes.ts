import type { FastifyPluginAsync } from 'fastify';
import * as t from 'io-ts';
import { IdC, NameC, ProductIdC, UnitC, WarehouseIdC } from '@erpcore/domain';
import { createProduct, createWarehouse } from '@erpcore/application';
import { getProduct, getWarehouse, listProducts, listWarehouses } from '@erpcore/projections';
import { decodeOr400, strictObject } from '../http/decode.js';
import { decodeBody } from '../http/idempotency.js';
import { defaultListLimit, ListQueryC } from '../http/list-query.js';
import { awaitReads } from '../http/min-position.js';
import { commandDoc, doc } from '../http/route-doc.js';
import { readHeaders } from '../openapi/header-schemas.js';
import {
  closedObject,
  commandAnswerSchema,
  nullableText,
  pageSchema,
  text,
} from '../openapi/response-schemas.js';
import { executeCommand } from '../http/execute-command.js';
import { httpError } from '../http/http-error-codes.js';
import { readDbOf } from '../plugins/statement-count.plugin.js';

const CreateWarehouseBodyC = strictObject(
  'CreateWarehouseBody',
  { id: WarehouseIdC, name: NameC },
  { branchId: t.union([IdC, t.null]) },
);
const CreateProductBodyC = strictObject('CreateProductBody', {
  id: ProductIdC,
  name: NameC,
  unit: UnitC,
});
const IdParamsC = strictObject('IdParams', { id: IdC });

const warehouseSchema = closedObject({ id: text, name: text, branchId: nullableText });
const productSchema = closedObject({ id: text, name: text, unit: text });

/** Warehouses and products: the catalogue every other context refers to. */
export const catalogRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/warehouses',
    {
      schema: commandDoc('catalog', 'Create a warehouse', {
        operationId: 'createWarehouse',
        body: CreateWarehouseBodyC,
        example: { id: 'W-MAIN', name: 'Main warehouse', branchId: 'B1' },
        responses: { 201: commandAnswerSchema() },
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, CreateWarehouseBodyC);
      return executeCommand(
        request,
        reply,
        createWarehouse,
        { type: 'CreateWarehouse', id: body.id, name: body.name, branchId: body.branchId ?? null },
        { created: true },
      );
    },
  );

  app.post(
    '/products',
    {
      schema: commandDoc('catalog', 'Create a product', {
        operationId: 'createProduct',
        body: CreateProductBodyC,
        example: { id: 'FAB-001', name: 'Linen fabric', unit: 'm' },
        responses: { 201: commandAnswerSchema() },
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, CreateProductBodyC);
      return executeCommand(
        request,
        reply,
        createProduct,
        { type: 'CreateProduct', id: body.id, name: body.name, unit: body.unit },
        { created: true },
      );
    },
  );

  app.get(
    '/warehouses/:id',
    {
      schema: doc('catalog', 'A warehouse', {
        operationId: 'getWarehouse',
        role: 'auditor',
        headers: readHeaders,
        params: IdParamsC,
        responses: { 200: warehouseSchema },
        errors: ['not_found', 'projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      await awaitReads(request, getWarehouse);
      const warehouse = await getWarehouse(readDbOf(request), id);
      if (warehouse === undefined) throw httpError('not_found', `no warehouse ${id}`);
      return warehouse;
    },
  );

  app.get(
    '/warehouses',
    {
      schema: doc('catalog', 'List warehouses by id', {
        operationId: 'listWarehouses',
        role: 'auditor',
        headers: readHeaders,
        query: ListQueryC,
        responses: { 200: pageSchema(warehouseSchema) },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const query = decodeOr400(ListQueryC, request.query, 'query');
      await awaitReads(request, listWarehouses);
      return listWarehouses(readDbOf(request), {
        limit: query.limit ?? defaultListLimit,
        cursor: query.cursor,
      });
    },
  );

  app.get(
    '/products/:id',
    {
      schema: doc('catalog', 'A product', {
        operationId: 'getProduct',
        role: 'auditor',
        headers: readHeaders,
        params: IdParamsC,
        responses: { 200: productSchema },
        errors: ['not_found', 'projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      await awaitReads(request, getProduct);
      const product = await getProduct(readDbOf(request), id);
      if (product === undefined) throw httpError('not_found', `no product ${id}`);
      return product;
    },
  );

  app.get(
    '/products',
    {
      schema: doc('catalog', 'List products by id', {
        operationId: 'listProducts',
        role: 'auditor',
        headers: readHeaders,
        query: ListQueryC,
        responses: { 200: pageSchema(productSchema) },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const query = decodeOr400(ListQueryC, request.query, 'query');
      await awaitReads(request, listProducts);
      return listProducts(readDbOf(request), {
        limit: query.limit ?? defaultListLimit,
        cursor: query.cursor,
      });
    },
  );
};
