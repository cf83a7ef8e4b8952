/* model_round_trip.h - the typed model's round trip as one assertion, for
 * the binding tests of generated T_* functions (include after cmocka.h). */
#ifndef MODEL_ROUND_TRIP_H
#define MODEL_ROUND_TRIP_H

#include <string.h>

/* T_parse(in) succeeds and T_to_json writes exactly `out`. */
#define ROUND_TRIP(type, in, out)                                                  \
    do {                                                                           \
        type v_;                                                                   \
        oas_error err_;                                                            \
        oas_buf b_ = OAS_BUF_INIT;                                                 \
        assert_int_equal(type##_parse((in), strlen(in), &v_, &err_), OAS_OK);      \
        assert_int_equal(type##_to_json(&v_, &b_), OAS_OK);                        \
        assert_string_equal(b_.data, (out));                                       \
        oas_buf_free(&b_);                                                         \
        type##_free(&v_);                                                          \
    } while (0)

/* T_parse(in) succeeds and T_to_json writes exactly in again. */
#define SAME_BACK(type, in) ROUND_TRIP(type, in, in)

#endif
