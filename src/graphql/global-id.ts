// Global IDs are decoded where services need them (filters, inputs); the GraphQL layer uses the same.
export { parseGlobalId, type ParsedGlobalId } from '../services/global-id';
