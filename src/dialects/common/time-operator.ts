/** The comparison a time parameter's key carries: `StartTime` (=), `StartTime>` or `StartTime<`. */
export type TimeOperator = '=' | '>' | '<';
