import { codegenConfig } from './codegen-config';

// PLANGRAPH_CODEGEN_OUT: another output folder (the drift test regenerates into a temporary one).
export default codegenConfig(process.env.PLANGRAPH_CODEGEN_OUT || undefined);
