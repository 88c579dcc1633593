#pragma once
// Turns the fuzzer's bytes into choices (which sample, which field, which value), like
// LLVM's FuzzedDataProvider, but small and our own so that fuzz_replay builds with any
// compiler, without clang's headers. Reads from the front; past the end every read gives 0,
// so any input, even empty, is a valid sequence of choices.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace dci::fuzz {

class ByteReader {
public:
    ByteReader(const std::uint8_t *data, std::size_t size) : data_(data), size_(size) {}

    bool empty() const { return pos_ >= size_; }

    std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }

    std::uint64_t u64()
    {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | byte();
        return v;
    }

    // An index in [0, n) (0 when n is 0), from one byte when n fits, else from eight.
    std::size_t pick(std::size_t n)
    {
        if (n == 0)
            return 0;
        return n <= 256 ? byte() % n : static_cast<std::size_t>(u64() % n);
    }

    // Any double the bits make, NaN and infinities included.
    double rawDouble()
    {
        const std::uint64_t bits = u64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }

private:
    const std::uint8_t *data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

} // namespace dci::fuzz
