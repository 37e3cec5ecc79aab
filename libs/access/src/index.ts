export { authorizeCall } from './authorize-call';
export { CUSTOMERS, EVERYONE, STAFF } from './role-groups';
export { RpcAccessGuard, rpcNameOf } from './rpc-access.guard';
export { RPC_ACCESS } from './rpc-access.table';
