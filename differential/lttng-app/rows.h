/* The payload of a diff_a:alpha event, one row of the table app.c emits. */
#ifndef DIFF_ROWS_H
#define DIFF_ROWS_H

#include <stdint.h>

struct alpha_row {
	int8_t i8;
	int16_t i16;
	int32_t i32;
	int64_t i64;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	uint64_t h;
	float f;
	double d;
	const char *s;
	const char *t;
	int32_t color;
	int32_t arr[3];
	int16_t sq[10];
	unsigned int sq_len;
	int32_t x;
};

#endif
