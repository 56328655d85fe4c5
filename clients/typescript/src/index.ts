export * from './generated/graphql';
export { graphql } from './generated/gql';
export { request, GraphQLRequestError, type GraphQLErrorEntry, type RequestOptions } from './request';
